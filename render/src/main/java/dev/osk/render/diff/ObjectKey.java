package dev.osk.render.diff;

import dev.osk.render.OskException;
import dev.osk.render.manifest.KindOrder;
import dev.osk.render.manifest.Manifest;
import java.util.Comparator;

/**
 * What makes two manifests the same object: the API group (not its version), the kind, the namespace ("" for
 * none) and the name, as the API server identifies objects. Ordered the way osk writes objects: by kind in Helm's
 * install order, then namespace, name and group.
 */
public record ObjectKey(String group, String kind, String namespace, String name) implements Comparable<ObjectKey> {
    private static final Comparator<ObjectKey> ORDER = Comparator
            .comparingInt((ObjectKey k) -> KindOrder.rank(k.kind()))
            .thenComparing(ObjectKey::kind)
            .thenComparing(ObjectKey::namespace)
            .thenComparing(ObjectKey::name)
            .thenComparing(ObjectKey::group);

    /** The key of {@code m}; an object without apiVersion, kind or name cannot be matched and is an error. */
    public static ObjectKey of(Manifest m) {
        String apiVersion = text(m, m.object().get("apiVersion"), "/apiVersion", "apiVersion");
        String kind = text(m, m.object().get("kind"), "/kind", "kind");
        String name = text(m, m.metadata().get("name"), "/metadata/name", "metadata.name");
        Object ns = m.metadata().get("namespace");
        return new ObjectKey(group(apiVersion), kind, ns == null ? "" : String.valueOf(ns), name);
    }

    /** {@code apps} for {@code apps/v1}, "" for the core group ({@code v1}). */
    public static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    private static String text(Manifest m, Object value, String pointer, String field) {
        if (value == null || String.valueOf(value).isEmpty()) {
            throw new OskException(m.templateLocation(pointer.substring(0, pointer.lastIndexOf('/'))),
                    "object has no " + field + ", so it cannot be matched with the other side");
        }
        return String.valueOf(value);
    }

    @Override
    public int compareTo(ObjectKey o) {
        return ORDER.compare(this, o);
    }
}
