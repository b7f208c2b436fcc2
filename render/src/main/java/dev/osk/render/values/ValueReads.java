package dev.osk.render.values;

import dev.osk.render.Location;
import dev.osk.render.yaml.JsonPointer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which values a render read, by where they were set: the file, line and column (or flag) of every value a
 * template looked up (a map or list read whole, by a section or a helper such as {@code osk.ini}, reads everything
 * in it) and of every condition a dependency was switched by. Asked for in {@code RenderOptions}; a render without
 * it records nothing. Safe to use from several threads.
 */
public final class ValueReads {
    private final Set<Location> read = ConcurrentHashMap.newKeySet();

    /** Records that the node at {@code path} of {@code tree} (which must track origins) was read. */
    public void read(ValueTree tree, String pointerPrefix, List<String> path) {
        String ptr = pointerPrefix;
        for (String seg : path) {
            ptr = JsonPointer.append(ptr, seg);
        }
        read(tree, ptr);
    }

    /** Records that the node at JSON pointer {@code pointer} of {@code tree}, and everything below it, was read. */
    public void read(ValueTree tree, String pointer) {
        if (!tree.tracked()) {
            return;
        }
        Location at = tree.originOf(pointer);
        if (at != null) {
            read.add(at);
        }
        for (Map.Entry<String, Location> e : tree.origins().subMap(pointer + "/", true, pointer + "0", false)
                .entrySet()) {
            read.add(e.getValue());
        }
    }

    /** Whether a value set at {@code at} was read. */
    public boolean wasRead(Location at) {
        return read.contains(at);
    }
}
