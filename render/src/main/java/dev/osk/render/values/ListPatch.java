package dev.osk.render.values;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * A list that {@code --set list[i]=...} builds: it reads as a list (unset elements null), but merged onto a lower
 * layer's list it changes only the elements it sets, as Helm's {@code --set} does to a list from a {@code -f} file.
 * Elements that are maps on both sides deep-merge; anything else replaces. Merged onto a scalar or a map it is the
 * list itself; onto nothing, it stays a patch for the layers still to come (a nested chart's values.yaml).
 */
final class ListPatch extends ArrayList<Object> {
    private static final long serialVersionUID = 1L;
    private final BitSet set = new BitSet();

    /** Sets element {@code index}, filling the elements before it with null. */
    void put(int index, Object value) {
        while (size() <= index) {
            add(null);
        }
        set(index, value);
        set.set(index);
    }

    boolean sets(int index) {
        return set.get(index);
    }

    /** The list this patch makes of {@code base}, a lower layer's value; neither is modified. */
    @SuppressWarnings("unchecked")
    List<Object> onto(Object base) {
        if (base == null) {
            return this;
        }
        if (!(base instanceof List<?> bl)) {
            return new ArrayList<>(this);
        }
        ListPatch out = new ListPatch();
        for (int i = 0; i < bl.size(); i++) {
            out.add(bl.get(i));
        }
        if (base instanceof ListPatch bp) {
            out.set.or(bp.set);
        }
        for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
            Object ov = get(i);
            Object bv = i < out.size() ? out.get(i) : null;
            out.put(i, element(bv, ov));
        }
        return base instanceof ListPatch ? out : new ArrayList<>(out);
    }

    @SuppressWarnings("unchecked")
    static Object element(Object bv, Object ov) {
        if (ov instanceof Map<?, ?> om && bv instanceof Map<?, ?> bm) {
            return Values.merge((Map<String, Object>) bm, (Map<String, Object>) om);
        }
        if (ov instanceof ListPatch p) {
            return p.onto(bv);
        }
        return ov;
    }
}
