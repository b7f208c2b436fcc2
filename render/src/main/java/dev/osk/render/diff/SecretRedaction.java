package dev.osk.render.diff;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hides the values of a Secret ({@code data} and {@code stringData}) while keeping its keys, so a diff shows
 * which keys were added, removed or changed and never what they hold: every value becomes {@value #HIDDEN},
 * except that a value that differs between the sides reads {@value #CHANGED} on the new side.
 */
final class SecretRedaction {
    static final String HIDDEN = "(redacted)";
    static final String CHANGED = "(redacted, changed)";
    /** The fields whose values are hidden. */
    static final List<String> FIELDS = List.of("data", "stringData");
    /** Their pointers (a field change at or below one of them carries no values). */
    static final Set<String> POINTERS = Set.of("/data", "/stringData");

    private SecretRedaction() {
    }

    /** Whether objects with this apiVersion and kind hold secret values. */
    static boolean applies(Object apiVersion, Object kind) {
        return "v1".equals(apiVersion) && "Secret".equals(kind);
    }

    /** Copies of both versions of a Secret with the values hidden: {@code {old, new}}. */
    static Map<String, Object>[] redact(Map<String, Object> oldObject, Map<String, Object> newObject) {
        Map<String, Object> o = new LinkedHashMap<>(oldObject);
        Map<String, Object> n = new LinkedHashMap<>(newObject);
        for (String field : FIELDS) {
            Object ov = oldObject.get(field);
            Object nv = newObject.get(field);
            if (oldObject.containsKey(field)) {
                o.put(field, hide(ov, nv, false));
            }
            if (newObject.containsKey(field)) {
                n.put(field, hide(nv, ov, true));
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object>[] pair = new Map[] {o, n};
        return pair;
    }

    private static Object hide(Object mine, Object theirs, boolean isNew) {
        if (!(mine instanceof Map<?, ?> m)) {
            return mine == null ? null : isNew && !CanonicalValue.same(mine, theirs) ? CHANGED : HIDDEN;
        }
        Map<?, ?> other = theirs instanceof Map<?, ?> t ? t : Map.of();
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            boolean changed = other.containsKey(e.getKey()) && !CanonicalValue.same(e.getValue(), other.get(e.getKey()));
            out.put(String.valueOf(e.getKey()), isNew && changed ? CHANGED : HIDDEN);
        }
        return out;
    }

    /** Whether a field change at {@code pointer} of a redacted Secret is about a hidden value. */
    static boolean hidden(String pointer) {
        for (String p : POINTERS) {
            if (pointer.equals(p) || pointer.startsWith(p + "/")) {
                return true;
            }
        }
        return false;
    }
}
