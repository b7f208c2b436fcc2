package dev.osk.render.validate;

import dev.osk.render.KubeVersion;
import java.util.Set;

/**
 * How to validate: the target Kubernetes version (its API surface), the render-wide checks to report as
 * warnings only, objects that exist outside the set ({@code Kind/name}, e.g. {@code Secret/registry-creds}),
 * whether to run the render-wide checks at all, and the objects the rendered chart declares external (accepted
 * like {@code external}, with a note each).
 */
public record ValidationOptions(KubeVersion kubeVersion, Set<Check> warnOnly, Set<String> external,
        boolean renderWide, ChartExternals chartExternals) {

    public ValidationOptions(KubeVersion kubeVersion, Set<Check> warnOnly, Set<String> external) {
        this(kubeVersion, warnOnly, external, true, ChartExternals.NONE);
    }

    public static ValidationOptions defaults() {
        return new ValidationOptions(KubeVersion.DEFAULT, Set.of(), Set.of());
    }

    /** The same options without the render-wide checks (for a partial set, such as --show-only). */
    public ValidationOptions objectChecksOnly() {
        return new ValidationOptions(kubeVersion, warnOnly, external, false, chartExternals);
    }

    /** The same options with the rendered chart's declared externals. */
    public ValidationOptions with(ChartExternals declared) {
        return new ValidationOptions(kubeVersion, warnOnly, external, renderWide, declared);
    }
}
