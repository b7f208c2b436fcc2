package dev.osk.render.values;

import dev.osk.render.Location;
import dev.osk.render.yaml.JsonPointer;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a value a template wrote was set: its values path as a user writes it to set it
 * ({@code keystone.api.replicas}) and the file, line and column (or the flag) that set it; with the tree it was
 * read from and its JSON pointer there (or null), so that a map or list can name where a node inside it was set.
 */
public record ValueOrigin(String path, Location at, ValueTree tree, String pointer) {

    public ValueOrigin(String path, Location at) {
        this(path, at, null, null);
    }

    /** The value itself, or {@link Values#ABSENT} when the tree is not known. */
    public Object value() {
        return tree == null ? Values.ABSENT : Values.lookup(tree.data(), JsonPointer.segments(pointer));
    }

    /**
     * Where the node at {@code rel} (path segments) inside this value was set, or null when this value has no
     * such node or its tree is not known.
     */
    public ValueOrigin inside(List<String> rel) {
        if (tree == null || rel.isEmpty() || Values.lookup(value(), rel) == Values.ABSENT) {
            return null;
        }
        String ptr = pointer;
        for (String seg : rel) {
            ptr = JsonPointer.append(ptr, seg);
        }
        Location l = tree.originOf(ptr);
        if (l == null) {
            return null;
        }
        List<String> full = new ArrayList<>(ValuePath.parse(path));
        full.addAll(rel);
        return new ValueOrigin(ValuePath.format(full), l, tree, ptr);
    }

    /** {@code value keystone.replicas from values/dev.yaml:12:11}, {@code value replicas from --set replicas=-1} */
    @Override
    public String toString() {
        return "value " + path + " from " + at;
    }
}
