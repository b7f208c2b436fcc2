package dev.osk.render.validate;

import dev.osk.render.KubeVersion;
import java.util.Set;

/**
 * How to validate: the target Kubernetes version (its API surface), the render-wide checks to report as
 * warnings only, objects that exist outside the set ({@code Kind/name}, e.g. {@code Secret/registry-creds}),
 * and whether to run the render-wide checks at all.
 */
public record ValidationOptions(KubeVersion kubeVersion, Set<Check> warnOnly, Set<String> external,
        boolean renderWide) {

    public ValidationOptions(KubeVersion kubeVersion, Set<Check> warnOnly, Set<String> external) {
        this(kubeVersion, warnOnly, external, true);
    }

    public static ValidationOptions defaults() {
        return new ValidationOptions(KubeVersion.DEFAULT, Set.of(), Set.of());
    }

    /** The same options without the render-wide checks (for a partial set, such as --show-only). */
    public ValidationOptions objectChecksOnly() {
        return new ValidationOptions(kubeVersion, warnOnly, external, false);
    }
}
