package dev.osk.render;

import dev.osk.render.manifest.KindOrder;
import dev.osk.render.manifest.Manifest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last stage of a render with {@code -n}: the namespace written into every namespaced object that has none,
 * right after {@code metadata.name} (or last in {@code metadata} when it has no name). Cluster-scoped kinds and
 * {@code List}s are left as they are.
 */
final class NamespaceAssignment {
    private NamespaceAssignment() {
    }

    @SuppressWarnings("unchecked")
    static void assign(Manifest m, String namespace) {
        if (KindOrder.isClusterScoped(m.kind()) || m.kind().endsWith("List")) {
            return;
        }
        Object meta = m.object().get("metadata");
        if (meta == null) {
            meta = new LinkedHashMap<String, Object>();
            m.object().put("metadata", meta);
        }
        if (!(meta instanceof Map<?, ?>)) {
            return;
        }
        Map<String, Object> md = (Map<String, Object>) meta;
        if (md.get("namespace") != null) {
            return;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        boolean placed = false;
        for (Map.Entry<String, Object> e : md.entrySet()) {
            copy.put(e.getKey(), e.getValue());
            if (e.getKey().equals("name")) {
                copy.put("namespace", namespace);
                placed = true;
            }
        }
        if (!placed) {
            copy.put("namespace", namespace);
        }
        md.clear();
        md.putAll(copy);
    }
}
