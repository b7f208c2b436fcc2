package dev.osk.cli;

import dev.osk.render.KubeVersion;
import dev.osk.render.validate.Check;
import dev.osk.render.validate.ValidationOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Flags that tune validation, shared by render, validate, apply and release. */
public final class ValidationFlags {
    @Option(names = "--warn-only", paramLabel = "CHECK",
            description = "Report a render-wide check as warnings only (repeatable): references, service-selectors,"
                    + " dependencies, duplicates.")
    List<String> warnOnly = new ArrayList<>();

    @Option(names = "--external", paramLabel = "KIND/NAME",
            description = "An object that exists outside the set, e.g. Secret/registry-creds (repeatable).")
    List<String> external = new ArrayList<>();

    @Mixin
    CustomResourceFlags customResources = new CustomResourceFlags();

    /**
     * Prints every finding on {@code err}, one line each, then a note for each declared external the set needed,
     * and, when there are errors, a closing line saying
     * {@code consequence}. Returns whether the set is valid (warnings allowed).
     */
    static boolean report(dev.osk.render.validate.ValidationReport report, java.io.PrintWriter err, String consequence) {
        for (dev.osk.render.validate.Finding f : report.findings()) {
            err.println(f.text());
        }
        for (String note : report.notes()) {
            err.println("osk: note: " + dev.osk.render.ControlCharacters.escape(note));
        }
        if (!report.valid()) {
            err.println("osk: invalid: " + report.summary() + "; " + consequence);
        }
        err.flush();
        return report.valid();
    }

    ValidationOptions options(KubeVersion version) {
        Set<Check> warn = new LinkedHashSet<>();
        for (String w : warnOnly) {
            for (String part : w.split(",")) {
                Check c = Check.parse(part.trim());
                if (!c.renderWide()) {
                    throw new dev.osk.render.InvalidRequestException("--warn-only " + c.id()
                            + ": only references, service-selectors, dependencies and duplicates can be warnings");
                }
                warn.add(c);
            }
        }
        Set<String> ext = new LinkedHashSet<>();
        for (String e : external) {
            if (!e.matches("[A-Za-z]+/[^/]+")) {
                throw new dev.osk.render.InvalidRequestException("--external '" + e + "': expected KIND/NAME");
            }
            ext.add(e);
        }
        return customResources.apply(new ValidationOptions(version, warn, ext));
    }

    /** Whether --crd or --skip-kind was given. */
    boolean customResources() {
        return customResources.given();
    }
}
