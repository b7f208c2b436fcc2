package dev.osk.render.values;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Value trees are never modified once built; merges build new maps along the merged paths and share the rest.
 *
 * The one merge rule osk applies everywhere: maps deep-merge, lists and scalars replace, and {@code null}
 * deletes; a list {@code --set list[i]=...} builds changes only the elements it sets ({@link ListPatch}). While
 * layers are being stacked a null is kept as a marker, so that it can still delete a default that a lower layer
 * (for example a nested chart's own values.yaml) adds later; {@link #withoutNulls(Object)} removes
 * the markers when a chart's values are final.
 */
public final class Values {
    private Values() {
    }

    /** {@code over} merged onto {@code base}; neither argument is modified. Nulls in {@code over} are kept. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        for (Map.Entry<String, Object> e : over.entrySet()) {
            Object ov = e.getValue();
            Object bv = out.get(e.getKey());
            if (ov instanceof Map<?, ?> om && bv instanceof Map<?, ?> bm) {
                out.put(e.getKey(), merge((Map<String, Object>) bm, (Map<String, Object>) om));
            } else if (ov instanceof ListPatch p) {
                out.put(e.getKey(), p.onto(bv));
            } else {
                out.put(e.getKey(), ov);
            }
        }
        return out;
    }

    /** A deep copy with every map entry whose value is null removed (nulls inside lists stay). */
    @SuppressWarnings("unchecked")
    public static Object withoutNulls(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                if (e.getValue() != null) {
                    out.put(e.getKey(), withoutNulls(e.getValue()));
                }
            }
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(withoutNulls(o));
            }
            return out;
        }
        return v;
    }



    /** Marker returned by {@link #lookup} when a path is absent (as opposed to present with a null value). */
    public static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "<absent>";
        }
    };

    /** The value at {@code path} inside {@code root}, or {@link #ABSENT}. List indexes are decimal segments. */
    public static Object lookup(Object root, List<String> path) {
        Object cur = root;
        for (String seg : path) {
            if (cur instanceof Map<?, ?> m) {
                if (!m.containsKey(seg)) {
                    return ABSENT;
                }
                cur = m.get(seg);
            } else if (cur instanceof List<?> l) {
                int idx = index(seg);
                if (idx < 0 || idx >= l.size()) {
                    return ABSENT;
                }
                cur = l.get(idx);
            } else {
                return ABSENT;
            }
        }
        return cur;
    }

    private static int index(String seg) {
        if (seg.isEmpty() || seg.length() > 9) {
            return -1;
        }
        for (int i = 0; i < seg.length(); i++) {
            if (!Character.isDigit(seg.charAt(i))) {
                return -1;
            }
        }
        return Integer.parseInt(seg);
    }

    /** The map at {@code key} of {@code m}, or an empty map when it is absent or not a map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> child(Map<String, Object> m, String key) {
        Object v = m == null ? null : m.get(key);
        return v instanceof Map<?, ?> ? (Map<String, Object>) v : new LinkedHashMap<>();
    }
}
