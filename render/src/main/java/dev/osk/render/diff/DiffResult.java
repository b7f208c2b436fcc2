package dev.osk.render.diff;

import java.util.List;

/** Every added, removed and changed object in output order, and how many objects are the same on both sides. */
public record DiffResult(List<Change> changes, int unchanged) {

    public int count(Change.Type type) {
        return (int) changes.stream().filter(c -> c.type() == type).count();
    }

    public boolean hasChanges() {
        return !changes.isEmpty();
    }

    /** {@code 1 added, 0 removed, 2 changed, 290 unchanged} */
    public String summary() {
        return count(Change.Type.ADDED) + " added, " + count(Change.Type.REMOVED) + " removed, "
                + count(Change.Type.CHANGED) + " changed, " + unchanged + " unchanged";
    }
}
