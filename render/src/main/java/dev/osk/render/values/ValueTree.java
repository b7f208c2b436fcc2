package dev.osk.render.values;

import dev.osk.render.Location;
import dev.osk.render.yaml.JsonPointer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A values map (treated as immutable: merges share untouched subtrees) together with where each of its nodes came from (a file and line, or a command-line flag), so
 * that {@code osk values --explain} can say which source set every leaf. Merging follows {@link Values}.
 */
public final class ValueTree {
    private final Map<String, Object> data;
    private final TreeMap<String, Location> origins;

    public ValueTree(Map<String, Object> data, Map<String, Location> origins) {
        this(data == null ? new LinkedHashMap<>() : data,
                origins instanceof TreeMap<String, Location> t ? t : new TreeMap<>(origins == null ? Map.of() : origins),
                true);
    }

    private ValueTree(Map<String, Object> data, TreeMap<String, Location> origins, boolean ignored) {
        this.data = data;
        this.origins = origins;
    }

    /** The same values without source tracking: merges are cheaper, {@link #originOf} answers null. */
    public ValueTree untracked() {
        return origins == null ? this : new ValueTree(data, null, true);
    }

    public boolean tracked() {
        return origins != null;
    }

    public static ValueTree empty() {
        return new ValueTree(new LinkedHashMap<>(), new TreeMap<>(), true);
    }

    /** Every node of {@code data} attributed to one source (used for command-line flags). */
    public static ValueTree fromFlag(Map<String, Object> data, String flag) {
        TreeMap<String, Location> o = new TreeMap<>();
        attribute(data, "", Location.of(flag), o);
        return new ValueTree(data, o);
    }

    private static void attribute(Object v, String ptr, Location loc, Map<String, Location> out) {
        out.put(ptr, loc);
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                attribute(e.getValue(), JsonPointer.append(ptr, String.valueOf(e.getKey())), loc, out);
            }
        } else if (v instanceof java.util.List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                if (l instanceof ListPatch p && !p.sets(i)) {
                    continue;
                }
                attribute(l.get(i), JsonPointer.append(ptr, i), loc, out);
            }
        }
    }

    public Map<String, Object> data() {
        return data;
    }

    public NavigableMap<String, Location> origins() {
        return origins;
    }

    /** A new tree: {@code over} merged onto this one (maps deep-merge, the rest replaces, nulls kept). */
    public ValueTree merge(ValueTree over) {
        if (origins == null || over.origins == null) {
            return new ValueTree(Values.merge(data, over.data), null, true);
        }
        Map<String, Object> out = new LinkedHashMap<>(data);
        TreeMap<String, Location> o = new TreeMap<>(origins);
        mergeInto(out, o, over.data, over.origins, "");
        return new ValueTree(out, o, true);
    }

    @SuppressWarnings("unchecked")
    private static void mergeInto(Map<String, Object> target, TreeMap<String, Location> targetOrigins,
            Map<String, Object> over, TreeMap<String, Location> overOrigins, String ptr) {
        for (Map.Entry<String, Object> e : over.entrySet()) {
            String child = JsonPointer.append(ptr, e.getKey());
            Object ov = e.getValue();
            Object bv = target.get(e.getKey());
            if (ov instanceof Map<?, ?> om && bv instanceof Map<?, ?> bm) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) bm);
                Location mapLoc = overOrigins.get(child);
                if (!targetOrigins.containsKey(child) && mapLoc != null) {
                    targetOrigins.put(child, mapLoc);
                }
                mergeInto(merged, targetOrigins, (Map<String, Object>) om, overOrigins, child);
                target.put(e.getKey(), merged);
            } else if (ov instanceof ListPatch p && bv instanceof List<?>) {
                target.put(e.getKey(), p.onto(bv));
                for (int i = 0; i < p.size(); i++) {
                    if (p.sets(i)) {
                        String item = JsonPointer.append(child, i);
                        if (!(p.get(i) instanceof Map<?, ?> && ((List<?>) bv).size() > i
                                && ((List<?>) bv).get(i) instanceof Map<?, ?>)) {
                            clearSubtree(targetOrigins, item);
                        }
                        copySubtree(overOrigins, item, targetOrigins, item);
                    }
                }
            } else {
                target.put(e.getKey(), ov);
                clearSubtree(targetOrigins, child);
                copySubtree(overOrigins, child, targetOrigins, child);
            }
        }
    }

    /** Removes {@code ptr} and everything below it. */
    private static void clearSubtree(TreeMap<String, Location> m, String ptr) {
        m.remove(ptr);
        m.subMap(ptr + "/", true, ptr + "0", false).clear();
    }

    /** Copies {@code from}'s entries at and below {@code ptr} into {@code to}, re-rooted at {@code newPtr}. */
    private static void copySubtree(TreeMap<String, Location> from, String ptr, TreeMap<String, Location> to,
            String newPtr) {
        Location l = from.get(ptr);
        if (l != null) {
            to.put(newPtr, l);
        }
        for (Map.Entry<String, Location> e : from.subMap(ptr + "/", true, ptr + "0", false).entrySet()) {
            to.put(newPtr + e.getKey().substring(ptr.length()), e.getValue());
        }
    }

    /** The subtree under {@code key} as a tree of its own (origins re-rooted), empty when absent or not a map. */
    @SuppressWarnings("unchecked")
    public ValueTree child(String key) {
        Object v = data.get(key);
        if (!(v instanceof Map<?, ?>)) {
            return empty();
        }
        if (origins == null) {
            return new ValueTree((Map<String, Object>) v, null, true);
        }
        String prefix = JsonPointer.append("", key);
        TreeMap<String, Location> o = new TreeMap<>();
        copySubtree(origins, prefix, o, "");
        return new ValueTree((Map<String, Object>) v, o, true);
    }

    /** This tree with {@code sub} placed (replacing) under {@code key}. */
    public ValueTree with(String key, ValueTree sub) {
        Map<String, Object> out = new LinkedHashMap<>(data);
        out.put(key, sub.data);
        if (origins == null || sub.origins == null) {
            return new ValueTree(out, null, true);
        }
        TreeMap<String, Location> o = new TreeMap<>(origins);
        String prefix = JsonPointer.append("", key);
        clearSubtree(o, prefix);
        copySubtree(sub.origins, "", o, prefix);
        return new ValueTree(out, o, true);
    }

    /** This tree without {@code key}. */
    public ValueTree without(String key) {
        Map<String, Object> out = new LinkedHashMap<>(data);
        out.remove(key);
        if (origins == null) {
            return new ValueTree(out, null, true);
        }
        TreeMap<String, Location> o = new TreeMap<>(origins);
        clearSubtree(o, JsonPointer.append("", key));
        return new ValueTree(out, o, true);
    }

    /** The final form: null markers removed. */
    @SuppressWarnings("unchecked")
    public ValueTree withoutNulls() {
        return new ValueTree((Map<String, Object>) Values.withoutNulls(data), origins, true);
    }

    /** Where the node at {@code pointer} (or its nearest ancestor with a known source) came from. */
    public Location originOf(String pointer) {
        if (origins == null) {
            return null;
        }
        String p = pointer;
        while (true) {
            Location l = origins.get(p);
            if (l != null) {
                return l;
            }
            if (p.isEmpty()) {
                return null;
            }
            int slash = p.lastIndexOf('/');
            p = slash <= 0 ? "" : p.substring(0, slash);
        }
    }
}
