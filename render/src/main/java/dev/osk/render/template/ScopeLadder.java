package dev.osk.render.template;

import dev.osk.render.values.ValueReads;
import dev.osk.render.values.ValueTree;
import dev.osk.render.values.Values;
import java.util.List;
import java.util.Map;

/**
 * The scopes a template looks values up in, most specific first: the chart's own values, then (for a chart
 * that names its component) the component-kind and component blocks in its parent, then each enclosing chart up
 * to the root, and finally {@code global}. A name is looked up as a whole path in each rung in turn and the first
 * rung where the path is present wins, so an explicit {@code false} or {@code ""} at a narrow scope is respected.
 */
public final class ScopeLadder {
    /**
     * One rung: the values path a user writes to set something at this scope, and the values there; when the
     * render records its reads, also the tree those values are part of and the JSON pointer of the rung in it.
     */
    public record Rung(String name, Map<String, Object> values, ValueTree tree, String pointer) {
        public Rung(String name, Map<String, Object> values) {
            this(name, values, null, null);
        }
    }

    private final List<Rung> rungs;
    private final Builtins builtins;
    private final ValueReads reads;

    public ScopeLadder(List<Rung> rungs, Builtins builtins) {
        this(rungs, builtins, null);
    }

    /** @param reads where to record each value found (its rungs carry their trees), or null */
    public ScopeLadder(List<Rung> rungs, Builtins builtins, ValueReads reads) {
        this.rungs = List.copyOf(rungs);
        this.builtins = builtins;
        this.reads = reads;
    }

    public List<Rung> rungs() {
        return rungs;
    }

    public Builtins builtins() {
        return builtins;
    }

    /** The first rung's value at {@code path}, or {@link Values#ABSENT}. */
    public Object lookup(List<String> path) {
        for (Rung r : rungs) {
            Object v = Values.lookup(r.values(), path);
            if (v != Values.ABSENT) {
                if (reads != null && r.tree() != null) {
                    reads.read(r.tree(), r.pointer(), path);
                }
                return v;
            }
        }
        return Values.ABSENT;
    }


    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Rung r : rungs) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(r.name());
        }
        return sb.toString();
    }
}
