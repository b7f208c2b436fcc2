package dev.osk.cli;

import dev.osk.render.InvalidRequestException;
import dev.osk.render.manifest.Manifest;
import dev.osk.render.manifest.ManifestReader;
import dev.osk.render.validate.ValidationOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The custom resource flags, --crd and --skip-kind: part of {@link ValidationFlags} (render, validate, apply,
 * release) and given alone to lint.
 */
public final class CustomResourceFlags {
    @Option(names = "--crd", paramLabel = "FILE",
            description = "CustomResourceDefinitions (YAML, several documents allowed) whose custom resources the set"
                    + " may hold; checked, not part of the set (repeatable).")
    List<Path> crd = new ArrayList<>();

    @Option(names = "--skip-kind", paramLabel = "KIND",
            description = "Leave objects of this kind unchecked, KIND or GROUP/KIND, e.g. a custom resource whose"
                    + " definition is not at hand (repeatable).")
    List<String> skipKind = new ArrayList<>();

    /** {@code options} with the definitions of the --crd files and the --skip-kind kinds. */
    ValidationOptions apply(ValidationOptions options) {
        Set<String> skip = new LinkedHashSet<>();
        for (String k : skipKind) {
            if (!k.matches("([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z][A-Za-z0-9]*")) {
                throw new InvalidRequestException("--skip-kind '" + k + "': expected KIND or GROUP/KIND, e.g."
                        + " ServiceMonitor or monitoring.coreos.com/ServiceMonitor");
            }
            skip.add(k);
        }
        List<Manifest> definitions = new ArrayList<>();
        ManifestReader reader = new ManifestReader(Workspace.display());
        for (Path f : crd) {
            definitions.addAll(reader.read(Workspace.cwd().resolve(f)));
        }
        return options.withCustomResources(definitions, skip);
    }

    /** Whether --crd or --skip-kind was given. */
    boolean given() {
        return !crd.isEmpty() || !skipKind.isEmpty();
    }
}
