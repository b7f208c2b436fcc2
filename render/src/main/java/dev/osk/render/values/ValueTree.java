package dev.osk.render.values;

import dev.osk.render.Location;
import dev.osk.render.yaml.JsonPointer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A values map together with where each of its nodes came from (a file and line, or a command-line flag), so
 * that {@code osk values --explain} can say which source set every leaf. Merging follows {@link Values}.
 */
public final class ValueTree {
    private final Map<String, Object> data;
    private final TreeMap<String, Location> origins;

    public ValueTree(Map<String, Object> data, Map<String, Location> origins) {
        this.data = data == null ? new LinkedHashMap<>() : data;
        this.origins = new TreeMap<>(origins == null ? Map.of() : origins);
    }

    public static ValueTree empty() {
        return new ValueTree(new LinkedHashMap<>(), Map.of());
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
        Map<String, Object> out = Values.copy(data);
        TreeMap<String, Location> o = new TreeMap<>(origins);
        mergeInto(out, o, over.data, over.origins, "");
        return new ValueTree(out, o);
    }

    @SuppressWarnings("unchecked")
    private static void mergeInto(Map<String, Object> target, TreeMap<String, Location> targetOrigins,
            Map<String, Object> over, TreeMap<String, Location> overOrigins, String ptr) {
        for (Map.Entry<String, Object> e : over.entrySet()) {
            String child = JsonPointer.append(ptr, e.getKey());
            Object ov = e.getValue();
            Object bv = target.get(e.getKey());
            if (ov instanceof Map<?, ?> om && bv instanceof Map<?, ?> bm) {
                Map<String, Object> merged = Values.copy((Map<String, Object>) bm);
                Location mapLoc = overOrigins.get(child);
                if (!targetOrigins.containsKey(child) && mapLoc != null) {
                    targetOrigins.put(child, mapLoc);
                }
                mergeInto(merged, targetOrigins, (Map<String, Object>) om, overOrigins, child);
                target.put(e.getKey(), merged);
            } else {
                target.put(e.getKey(), Values.deepCopy(ov));
                subtree(targetOrigins, child).clear();
                targetOrigins.putAll(subtree(overOrigins, child));
            }
        }
    }

    private static NavigableMap<String, Location> subtree(TreeMap<String, Location> m, String ptr) {
        // every key equal to ptr or starting with ptr + "/" ('/' + 1 == '0')
        NavigableMap<String, Location> exact = m.subMap(ptr, true, ptr, true);
        NavigableMap<String, Location> below = m.subMap(ptr + "/", true, ptr + "0", false);
        TreeMap<String, Location> view = new TreeMap<>();
        view.putAll(exact);
        view.putAll(below);
        return new RemovingView(m, view);
    }

    /** The subtree under {@code key} as a tree of its own (origins re-rooted), empty when absent or not a map. */
    @SuppressWarnings("unchecked")
    public ValueTree child(String key) {
        Object v = data.get(key);
        if (!(v instanceof Map<?, ?>)) {
            return empty();
        }
        String prefix = JsonPointer.append("", key);
        TreeMap<String, Location> o = new TreeMap<>();
        for (Map.Entry<String, Location> e : subtree(origins, prefix).entrySet()) {
            o.put(e.getKey().substring(prefix.length()), e.getValue());
        }
        return new ValueTree(Values.copy((Map<String, Object>) v), o);
    }

    /** This tree with {@code sub} placed (replacing) under {@code key}. */
    public ValueTree with(String key, ValueTree sub) {
        Map<String, Object> out = Values.copy(data);
        TreeMap<String, Location> o = new TreeMap<>(origins);
        String prefix = JsonPointer.append("", key);
        subtree(o, prefix).clear();
        out.put(key, Values.copy(sub.data));
        for (Map.Entry<String, Location> e : sub.origins.entrySet()) {
            o.put(prefix + e.getKey(), e.getValue());
        }
        return new ValueTree(out, o);
    }

    /** This tree without {@code key}. */
    public ValueTree without(String key) {
        Map<String, Object> out = Values.copy(data);
        out.remove(key);
        TreeMap<String, Location> o = new TreeMap<>(origins);
        subtree(o, JsonPointer.append("", key)).clear();
        return new ValueTree(out, o);
    }

    /** The final form: null markers removed. */
    @SuppressWarnings("unchecked")
    public ValueTree withoutNulls() {
        return new ValueTree((Map<String, Object>) Values.withoutNulls(data), origins);
    }

    /** Where the node at {@code pointer} (or its nearest ancestor with a known source) came from. */
    public Location originOf(String pointer) {
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

    /** A view whose clear() removes the viewed keys from the backing map. */
    private static final class RemovingView extends TreeMap<String, Location> {
        private final TreeMap<String, Location> backing;

        RemovingView(TreeMap<String, Location> backing, Map<String, Location> content) {
            super(content);
            this.backing = backing;
        }

        @Override
        public void clear() {
            for (String k : keySet()) {
                backing.remove(k);
            }
            super.clear();
        }
    }
}
