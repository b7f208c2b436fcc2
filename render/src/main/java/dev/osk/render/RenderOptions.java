package dev.osk.render;

import dev.osk.render.values.ValueReads;
import java.util.List;

/**
 * How to render: the release name and namespace templates see (the namespace is also written into namespaced
 * objects that have none, when {@code setNamespace} is true), the target Kubernetes version, and the
 * {@code --show-only} globs (empty: every template), and where to record which values the render reads (null:
 * nowhere, the usual case; recording makes the render track where every value came from, which costs time).
 */
public record RenderOptions(String releaseName, String namespace, boolean setNamespace, KubeVersion kubeVersion,
        List<String> showOnly, ValueReads reads) {

    public RenderOptions(String releaseName, String namespace, boolean setNamespace, KubeVersion kubeVersion,
            List<String> showOnly) {
        this(releaseName, namespace, setNamespace, kubeVersion, showOnly, null);
    }

    /** The same options, recording the values the render reads in {@code to}. */
    public RenderOptions recordingReads(ValueReads to) {
        return new RenderOptions(releaseName, namespace, setNamespace, kubeVersion, showOnly, to);
    }

    public static RenderOptions defaults() {
        return new RenderOptions(null, "default", false, KubeVersion.DEFAULT, List.of());
    }
}
