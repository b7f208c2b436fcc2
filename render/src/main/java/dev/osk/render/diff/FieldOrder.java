package dev.osk.render.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One key order for a map that exists on both sides, so that a difference in field order never shows: the new
 * side's order, with each key only the old side has placed after the key it followed there.
 */
final class FieldOrder {
    private FieldOrder() {
    }

    static List<String> merged(Map<String, Object> oldMap, Map<String, Object> newMap) {
        List<String> keys = new ArrayList<>(newMap.keySet());
        String previous = null;
        for (String k : oldMap.keySet()) {
            if (!newMap.containsKey(k)) {
                int at = previous == null ? 0 : keys.indexOf(previous) + 1;
                keys.add(at, k);
            }
            previous = k;
        }
        return keys;
    }

    /** Copies of both values with every map that exists on both sides (at the same path) in the merged order. */
    static Object[] align(Object oldValue, Object newValue) {
        if (oldValue instanceof Map<?, ?> om && newValue instanceof Map<?, ?> nm) {
            Map<String, Object> o = cast(om);
            Map<String, Object> n = cast(nm);
            Map<String, Object> oo = new LinkedHashMap<>();
            Map<String, Object> no = new LinkedHashMap<>();
            for (String k : merged(o, n)) {
                boolean inOld = o.containsKey(k);
                boolean inNew = n.containsKey(k);
                if (inOld && inNew) {
                    Object[] pair = align(o.get(k), n.get(k));
                    oo.put(k, pair[0]);
                    no.put(k, pair[1]);
                } else if (inOld) {
                    oo.put(k, o.get(k));
                } else {
                    no.put(k, n.get(k));
                }
            }
            return new Object[] {oo, no};
        }
        if (oldValue instanceof List<?> ol && newValue instanceof List<?> nl) {
            List<Object> oo = new ArrayList<>(ol);
            List<Object> no = new ArrayList<>(nl);
            for (int i = 0; i < Math.min(ol.size(), nl.size()); i++) {
                Object[] pair = align(ol.get(i), nl.get(i));
                oo.set(i, pair[0]);
                no.set(i, pair[1]);
            }
            return new Object[] {oo, no};
        }
        return new Object[] {oldValue, newValue};
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
