package dev.osk.render.template;

import dev.osk.render.Location;
import dev.osk.render.values.ValueOrigin;
import dev.osk.render.values.ValuePath;
import dev.osk.render.values.ValueReads;
import dev.osk.render.values.ValueTree;
import dev.osk.render.values.Values;
import dev.osk.render.yaml.JsonPointer;
import java.util.ArrayList;
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

    /** The name of the root chart's own rung, whose values paths have no prefix. */
    public static final String TOP_LEVEL = "(top level)";

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

    /** Whether the rungs carry their trees, so that {@link #originOf} can answer. */
    public boolean tracksOrigins() {
        return reads != null;
    }

    /**
     * Where the value {@link #lookup} finds at {@code path} was set, named by the path a user writes to set it at
     * that rung; null when the render does not track origins or nothing set it.
     */
    public ValueOrigin originOf(List<String> path) {
        for (Rung r : rungs) {
            if (Values.lookup(r.values(), path) == Values.ABSENT) {
                continue;
            }
            if (r.tree() == null) {
                return null;
            }
            String ptr = r.pointer();
            for (String seg : path) {
                ptr = JsonPointer.append(ptr, seg);
            }
            Location at = r.tree().originOf(ptr);
            if (at == null) {
                return null;
            }
            List<String> full = new ArrayList<>();
            if (!r.name().equals(TOP_LEVEL)) {
                full.addAll(ValuePath.parse(r.name()));
            }
            full.addAll(path);
            return new ValueOrigin(ValuePath.format(full), at, r.tree(), ptr);
        }
        return null;
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
