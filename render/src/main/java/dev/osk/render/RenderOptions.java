package dev.osk.render;

import java.util.List;

/**
 * How to render: the release name and namespace templates see (the namespace is also written into namespaced
 * objects that have none, when {@code setNamespace} is true), the target Kubernetes version, and the
 * {@code --show-only} globs (empty: every template).
 */
public record RenderOptions(String releaseName, String namespace, boolean setNamespace, KubeVersion kubeVersion,
        List<String> showOnly) {

    public static RenderOptions defaults() {
        return new RenderOptions(null, "default", false, KubeVersion.DEFAULT, List.of());
    }
}
