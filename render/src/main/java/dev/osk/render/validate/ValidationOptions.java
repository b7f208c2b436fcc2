package dev.osk.render.validate;

import dev.osk.render.KubeVersion;
import dev.osk.render.manifest.Manifest;
import java.util.List;
import java.util.Set;

/**
 * How to validate: the target Kubernetes version (its API surface), the render-wide checks to report as
 * warnings only, objects that exist outside the set ({@code Kind/name}, e.g. {@code Secret/registry-creds}),
 * whether to run the render-wide checks at all, the objects the rendered chart declares external (accepted
 * like {@code external}, with a note each), CustomResourceDefinitions from outside the set whose definitions
 * apply to it (read from {@code --crd} files: checked, reported, not part of the set), and the kinds not to
 * validate at all ({@code Kind} or {@code group/Kind}).
 */
public record ValidationOptions(KubeVersion kubeVersion, Set<Check> warnOnly, Set<String> external,
        boolean renderWide, ChartExternals chartExternals, List<Manifest> definitions, Set<String> skipKinds) {

    public ValidationOptions(KubeVersion kubeVersion, Set<Check> warnOnly, Set<String> external) {
        this(kubeVersion, warnOnly, external, true, ChartExternals.NONE, List.of(), Set.of());
    }

    public static ValidationOptions defaults() {
        return new ValidationOptions(KubeVersion.DEFAULT, Set.of(), Set.of());
    }

    /** The same options without the render-wide checks (for a partial set, such as --show-only). */
    public ValidationOptions objectChecksOnly() {
        return new ValidationOptions(kubeVersion, warnOnly, external, false, chartExternals, definitions, skipKinds);
    }

    /** The same options with the rendered chart's declared externals. */
    public ValidationOptions with(ChartExternals declared) {
        return new ValidationOptions(kubeVersion, warnOnly, external, renderWide, declared, definitions, skipKinds);
    }

    /** The same options with CustomResourceDefinitions from outside the set and kinds left unchecked. */
    public ValidationOptions withCustomResources(List<Manifest> crds, Set<String> skip) {
        return new ValidationOptions(kubeVersion, warnOnly, external, renderWide, chartExternals, List.copyOf(crds),
                Set.copyOf(skip));
    }

    /** Whether objects of {@code kind} in API group {@code group} are left unchecked ({@code --skip-kind}). */
    public boolean skips(String group, String kind) {
        return skipKinds.contains(kind) || skipKinds.contains(group + "/" + kind);
    }
}
