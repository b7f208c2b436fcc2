package dev.osk.render;

import dev.osk.render.chart.Chart;
import dev.osk.render.chart.Dependency;
import dev.osk.render.chart.ValuesSchema;
import dev.osk.render.values.ValuePath;
import dev.osk.render.values.ValueReads;
import dev.osk.render.values.ValueTree;
import dev.osk.render.values.Values;
import dev.osk.render.yaml.JsonPointer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes every chart's values, lowest to highest: the values.yaml of the library charts it depends on, its
 * own values.yaml, its parent's block under its alias (which already holds the user's overlays and flags), and
 * the parent's {@code global}. Null markers are carried down so a null in an overlay deletes a default a nested
 * chart sets; they are removed once a chart's values are final. Dependencies whose condition is false are left
 * out.
 */
public final class ValuesResolver {
    private final boolean trackOrigins;
    private final ValueReads reads;

    /** A resolver that keeps, for every value, the file and line or flag that set it. */
    public ValuesResolver() {
        this(true);
    }

    /** @param trackOrigins false when nobody will ask where values came from (renders): merges are cheaper */
    public ValuesResolver(boolean trackOrigins) {
        this(trackOrigins, null);
    }

    /** @param reads where to record the conditions that switch dependencies (with {@code trackOrigins}), or null */
    public ValuesResolver(boolean trackOrigins, ValueReads reads) {
        this.trackOrigins = trackOrigins;
        this.reads = reads;
    }

    private ValueTree track(ValueTree t) {
        return trackOrigins ? t : t.untracked();
    }

    /**
     * The instance tree for {@code root} with {@code user} (overlays and flags, already merged) on top. Values that
     * do not meet a chart's schema are an error, one line per problem of every chart.
     */
    public ChartInstance resolve(Chart root, ValueTree user) {
        ChartInstance top = tree(root, user);
        checkSchemas(top, root, user);
        return top;
    }

    private ChartInstance tree(Chart root, ValueTree user) {
        ValueTree raw = defaults(root).merge(track(user));
        ChartInstance top = new ChartInstance(root, root.name(), null, raw.withoutNulls(), root.metadata().component(),
                root.metadata().kind());
        children(top, raw);
        return top;
    }

    private void children(ChartInstance parent, ValueTree parentRaw) {
        Chart chart = parent.chart();
        List<Dependency> deps = chart.metadata().dependencies();
        for (int i = 0; i < deps.size(); i++) {
            Dependency d = deps.get(i);
            Chart child = chart.dependencies().get(i);
            if (child.metadata().isLibrary()) {
                continue;
            }
            if (!enabled(d, parent.values())) {
                continue;
            }
            ValueTree block = parentRaw.child(d.key());
            ValueTree raw = defaults(child).merge(block);
            ValueTree global = parentRaw.child("global");
            if (parentRaw.data().containsKey("global")) {
                raw = raw.merge(track(ValueTree.empty()).with("global", global));
            }
            String component = d.component() != null ? d.component() : child.metadata().component();
            String kind = d.kind() != null ? d.kind() : child.metadata().kind();
            ChartInstance inst = new ChartInstance(child, d.key(), parent, raw.withoutNulls(), component, kind);
            children(inst, raw);
        }
    }

    /**
     * Checks every instance against its chart's schema. Each problem is one line at the file and line (or flag)
     * that set the offending value ({@code user} is tracked: when this resolver does not track, the tree is
     * resolved again with origins, only when there is something to report); a problem with no value to point at
     * (a key missing at the top of the chart's values) is at the schema file.
     */
    private void checkSchemas(ChartInstance top, Chart root, ValueTree user) {
        Map<ChartInstance, List<ValuesSchema.Violation>> found = new LinkedHashMap<>();
        for (ChartInstance inst : top.walk()) {
            ValuesSchema schema = inst.chart().schema();
            if (schema != null) {
                List<ValuesSchema.Violation> v = schema.check(inst.values().data());
                if (!v.isEmpty()) {
                    found.put(inst, v);
                }
            }
        }
        if (found.isEmpty()) {
            return;
        }
        Map<String, ChartInstance> tracked = new LinkedHashMap<>();
        for (ChartInstance i : (trackOrigins ? top : new ValuesResolver(true).tree(root, user)).walk()) {
            tracked.put(i.sourcePrefix(), i);
        }
        List<OskException> problems = new ArrayList<>();
        for (Map.Entry<ChartInstance, List<ValuesSchema.Violation>> e : found.entrySet()) {
            ChartInstance inst = e.getKey();
            ChartInstance withOrigins = tracked.get(inst.sourcePrefix());
            for (ValuesSchema.Violation v : e.getValue()) {
                Location origin = withOrigins == null || v.blamed().isEmpty() ? null
                        : withOrigins.values().originOf(v.blamed());
                problems.add(new OskException(origin != null ? origin : Location.of(inst.chart().schema().shown()),
                        inst.sourcePrefix() + ": " + valuePath(inst.values().data(), v.pointer()) + ": " + v.message()));
            }
        }
        throw new MultipleProblemsException(problems);
    }

    /** {@code values.ports[0].name} for the pointer {@code /ports/0/name} into {@code values}. */
    private static String valuePath(Map<String, Object> values, String pointer) {
        StringBuilder sb = new StringBuilder("values");
        Object at = values;
        for (String seg : JsonPointer.segments(pointer)) {
            if (at instanceof List<?> l) {
                sb.append('[').append(seg).append(']');
                int i = Integer.parseInt(seg);
                at = i < l.size() ? l.get(i) : null;
            } else {
                sb.append('.').append(ControlCharacters.escape(seg.replace(".", "\\.")));
                at = at instanceof Map<?, ?> m ? m.get(seg) : null;
            }
        }
        return sb.toString();
    }

    /** A chart's defaults: its libraries' values.yaml (in order), then its own. */
    ValueTree defaults(Chart chart) {
        ValueTree out = track(ValueTree.empty());
        List<Dependency> deps = chart.metadata().dependencies();
        for (int i = 0; i < deps.size(); i++) {
            Chart dep = chart.dependencies().get(i);
            if (dep.metadata().isLibrary()) {
                out = out.merge(defaults(dep));
            }
        }
        return out.merge(track(chart.defaults()));
    }

    private boolean enabled(Dependency d, ValueTree parentValues) {
        if (d.condition() == null || d.condition().isBlank()) {
            return true;
        }
        for (String path : d.condition().split(",")) {
            List<String> parsed = ValuePath.parse(path.trim());
            Object v = Values.lookup(parentValues.data(), parsed);
            if (v == Values.ABSENT || v == null) {
                continue;
            }
            if (reads != null) {
                reads.read(parentValues, "", parsed);
            }
            if (v instanceof Boolean b) {
                return b;
            }
            throw new OskException(d.location(), "condition '" + path.trim() + "' of dependency '" + d.key()
                    + "' must be true or false, not " + dev.osk.render.yaml.YamlScalars.inline(v));
        }
        return true;
    }

    /**
     * The values of the whole tree as one map, as {@code osk values} prints them: each enabled dependency's final
     * values under its key, {@code global} once at the top (with the defaults nested charts add).
     */
    public static ValueTree combined(ChartInstance inst) {
        ValueTree out = inst.values();
        for (ChartInstance c : inst.children()) {
            out = out.with(c.key(), combined(c).without("global"));
        }
        if (inst.parent() == null) {
            ValueTree global = ValueTree.empty();
            List<ChartInstance> all = new ArrayList<>(inst.walk());
            for (int i = all.size() - 1; i >= 0; i--) {
                global = global.merge(all.get(i).values().child("global"));
            }
            if (!global.data().isEmpty()) {
                out = out.with("global", global);
            }
        }
        return out;
    }

}
