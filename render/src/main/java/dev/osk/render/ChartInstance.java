package dev.osk.render;

import dev.osk.render.chart.Chart;
import dev.osk.render.values.ValueTree;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A chart at one place in the render tree, with the values it renders with. The same chart folder used twice
 * (under two aliases) is two instances.
 */
public final class ChartInstance {
    private final Chart chart;
    private final String key;
    private final ChartInstance parent;
    private final ValueTree values;
    private final String component;
    private final String kind;
    private final List<ChartInstance> children = new ArrayList<>();

    ChartInstance(Chart chart, String key, ChartInstance parent, ValueTree values, String component, String kind) {
        this.chart = chart;
        this.key = key;
        this.parent = parent;
        this.values = values;
        this.component = component;
        this.kind = kind;
        if (parent != null) {
            parent.children.add(this);
        }
    }

    public Chart chart() {
        return chart;
    }

    /** The name of this chart's block in its parent's values (alias or name); the chart name for the root. */
    public String key() {
        return key;
    }

    public ChartInstance parent() {
        return parent;
    }

    /** Final values: defaults, parent block, overlays and flags merged, null markers removed. */
    public ValueTree values() {
        return values;
    }

    public String component() {
        return component;
    }

    public String kind() {
        return kind;
    }

    /** Enabled dependencies, in Chart.yaml order. */
    public List<ChartInstance> children() {
        return Collections.unmodifiableList(children);
    }

    /** Path of keys from the root's values to this chart's block; empty for the root. */
    public List<String> valuesPath() {
        List<String> out = new ArrayList<>();
        for (ChartInstance i = this; i.parent != null; i = i.parent) {
            out.add(0, i.key);
        }
        return out;
    }

    /** {@code root/charts/a/charts/b}: the prefix of this instance's template source paths. */
    public String sourcePrefix() {
        return parent == null ? key : parent.sourcePrefix() + "/charts/" + key;
    }

    /** This instance and every enabled descendant, depth first, in Chart.yaml order. */
    public List<ChartInstance> walk() {
        List<ChartInstance> out = new ArrayList<>();
        collect(this, out);
        return out;
    }

    private static void collect(ChartInstance i, List<ChartInstance> out) {
        out.add(i);
        for (ChartInstance c : i.children) {
            collect(c, out);
        }
    }

    @Override
    public String toString() {
        return sourcePrefix();
    }
}
