package dev.osk.render.diff;

import dev.osk.render.OskException;
import dev.osk.render.manifest.KindOrder;
import dev.osk.render.manifest.Manifest;

/**
 * What makes two manifests the same object: the API group (not its version), the kind, the namespace ("" for
 * none) and the name, as the API server identifies objects. Ordered the way osk writes objects: by kind in Helm's
 * install order, then namespace, name and group.
 */
public record ObjectKey(String group, String kind, String namespace, String name) implements Comparable<ObjectKey> {

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
        int c = Integer.compare(KindOrder.rank(kind), KindOrder.rank(o.kind));
        if (c == 0) {
            c = kind.compareTo(o.kind);
        }
        if (c == 0) {
            c = namespace.compareTo(o.namespace);
        }
        if (c == 0) {
            c = name.compareTo(o.name);
        }
        return c != 0 ? c : group.compareTo(o.group);
    }

    // written out: the record's generated versions are bootstrapped at run time, which costs a cold CLI run
    @Override
    public boolean equals(Object other) {
        return other instanceof ObjectKey k && name.equals(k.name) && kind.equals(k.kind)
                && namespace.equals(k.namespace) && group.equals(k.group);
    }

    @Override
    public int hashCode() {
        return ((group.hashCode() * 31 + kind.hashCode()) * 31 + namespace.hashCode()) * 31 + name.hashCode();
    }
}
