package dev.osk.render.diff;

import dev.osk.render.yaml.JsonPointer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The field-level differences between two versions of an object, each with a JSON pointer. Maps are compared
 * key by key; lists are aligned on their equal items (a longest common subsequence), so an item inserted at the
 * front is one addition, not a change of every item after it; unmatched items between two aligned ones are
 * compared pairwise, the rest are additions or removals.
 */
final class FieldDiff {
    private final Set<String> expandAbsentMaps;
    private final List<FieldChange> out = new ArrayList<>();

    /**
     * @param expandAbsentMaps pointers where a map that only one side has is reported key by key (as if the
     *     other side had an empty map), so that every key gets its own change
     */
    private FieldDiff(Set<String> expandAbsentMaps) {
        this.expandAbsentMaps = expandAbsentMaps;
    }

    static List<FieldChange> of(Map<String, Object> oldObject, Map<String, Object> newObject,
            Set<String> expandAbsentMaps) {
        FieldDiff d = new FieldDiff(expandAbsentMaps);
        d.compare(oldObject, newObject, "");
        return d.out;
    }

    private void compare(Object a, Object b, String ptr) {
        if (a instanceof Map<?, ?> am && b instanceof Map<?, ?> bm) {
            Map<String, Object> o = FieldOrder.cast(am);
            Map<String, Object> n = FieldOrder.cast(bm);
            for (String k : FieldOrder.merged(o, n)) {
                String child = JsonPointer.append(ptr, k);
                if (!o.containsKey(k)) {
                    added(child, n.get(k));
                } else if (!n.containsKey(k)) {
                    removed(child, o.get(k));
                } else {
                    compare(o.get(k), n.get(k), child);
                }
            }
        } else if (a instanceof List<?> al && b instanceof List<?> bl) {
            compareLists(al, bl, ptr);
        } else if (!CanonicalValue.same(a, b)) {
            out.add(new FieldChange(FieldChange.Op.REPLACE, ptr, a, b, false));
        }
    }

    private void added(String ptr, Object value) {
        if (value instanceof Map<?, ?> m && !m.isEmpty() && expandAbsentMaps.contains(ptr)) {
            compare(Map.of(), m, ptr);
        } else {
            out.add(new FieldChange(FieldChange.Op.ADD, ptr, null, value, false));
        }
    }

    private void removed(String ptr, Object value) {
        if (value instanceof Map<?, ?> m && !m.isEmpty() && expandAbsentMaps.contains(ptr)) {
            compare(m, Map.of(), ptr);
        } else {
            out.add(new FieldChange(FieldChange.Op.REMOVE, ptr, value, null, false));
        }
    }

    private void compareLists(List<?> a, List<?> b, String ptr) {
        Map<Object, Integer> ids = new HashMap<>();
        int[] ia = ids(a, ids);
        int[] ib = ids(b, ids);
        LineDiff.Edits e = LineDiff.compare(ia, ib);
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            int di = i;
            int dj = j;
            while (di < a.size() && e.deleted()[di]) {
                di++;
            }
            while (dj < b.size() && e.inserted()[dj]) {
                dj++;
            }
            if (di == i && dj == j) {
                i++;
                j++;
                continue;
            }
            int pairs = Math.min(di - i, dj - j);
            for (int p = 0; p < pairs; p++) {
                compare(a.get(i + p), b.get(j + p), JsonPointer.append(ptr, j + p));
            }
            for (int x = i + pairs; x < di; x++) {
                out.add(new FieldChange(FieldChange.Op.REMOVE, JsonPointer.append(ptr, x), a.get(x), null, false));
            }
            for (int y = j + pairs; y < dj; y++) {
                out.add(new FieldChange(FieldChange.Op.ADD, JsonPointer.append(ptr, y), null, b.get(y), false));
            }
            i = di;
            j = dj;
        }
    }

    private static int[] ids(List<?> items, Map<Object, Integer> ids) {
        int[] out = new int[items.size()];
        for (int i = 0; i < out.length; i++) {
            Object key = CanonicalValue.of(items.get(i));
            Integer id = ids.get(key);
            if (id == null) {
                id = ids.size();
                ids.put(key, id);
            }
            out[i] = id;
        }
        return out;
    }
}
