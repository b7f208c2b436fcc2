package dev.osk.render.manifest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders manifests for output: by kind in Helm's install order (unknown kinds last, alphabetically), then by
 * source path, then by position within the template. The order depends only on the manifests.
 */
public final class ManifestSorter {
    private static final Comparator<Manifest> ORDER = Comparator
            .comparingInt((Manifest m) -> KindOrder.rank(m.kind()))
            .thenComparing(m -> KindOrder.rank(m.kind()) == KindOrder.INSTALL_ORDER.size() ? m.kind() : "")
            .thenComparing(Manifest::sourcePath)
            .thenComparingInt(Manifest::index);

    private ManifestSorter() {
    }

    public static List<Manifest> sort(List<Manifest> manifests) {
        List<Manifest> out = new ArrayList<>(manifests);
        out.sort(ORDER);
        return out;
    }
}
