package dev.osk.render.validate;

import dev.osk.render.KubeVersion;
import java.util.Set;

/**
 * How to validate: the target Kubernetes version (its API surface), the render-wide checks to report as
 * warnings only, and objects that exist outside the set ({@code Kind/name}, e.g. {@code Secret/registry-creds}).
 */
public record ValidationOptions(KubeVersion kubeVersion, Set<Check> warnOnly, Set<String> external) {

    public static ValidationOptions defaults() {
        return new ValidationOptions(KubeVersion.DEFAULT, Set.of(), Set.of());
    }
}
