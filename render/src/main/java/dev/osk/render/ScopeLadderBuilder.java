package dev.osk.render;

import dev.osk.render.template.Builtins;
import dev.osk.render.template.ScopeLadder;
import dev.osk.render.template.StatefulSetHosts;
import dev.osk.render.values.ValueTree;
import dev.osk.render.values.Values;
import dev.osk.render.yaml.JsonPointer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the scope ladder a template executes with: the chart's own values; for a chart that names its component,
 * the component-kind and component blocks in its parent; each enclosing chart up to the root; {@code global};
 * and the {@code osk.*} builtins (chart, release, scope, target version, and the helpers that read other
 * templates, which {@link TemplateExecution} answers).
 */
final class ScopeLadderBuilder {
    private final ChartInstance root;
    private final RenderOptions options;

    ScopeLadderBuilder(ChartInstance root, RenderOptions options) {
        this.root = root;
        this.options = options;
    }

    /**
     * The ladder for {@code ref}; {@code checksums} renders another template (for {@code osk.checksum}) and
     * {@code hosts} lists a chart's StatefulSet hosts.
     */
    ScopeLadder ladder(TemplateRef ref, Builtins.TemplateTextSource checksums, StatefulSetHosts hosts) {
        ChartInstance inst = ref.instance();
        List<ScopeLadder.Rung> rungs = new ArrayList<>();
        // with reads recorded, each rung also names its tree and place in it; otherwise nothing extra is kept
        boolean track = options.reads() != null;
        rungs.add(rung(rungName(inst), inst.values().data(), inst.values(), "", track));
        ChartInstance parent = inst.parent();
        if (inst.component() != null && parent != null) {
            // both rungs are always on the ladder (empty when the parent has no such block), so error
            // messages name every place a value could be set
            Map<String, Object> compMap = Values.child(parent.values().data(), inst.component());
            String compName = prefix(parent) + inst.component();
            String compPtr = JsonPointer.append("", inst.component());
            if (inst.kind() != null) {
                rungs.add(rung(compName + "." + inst.kind(), Values.child(compMap, inst.kind()), parent.values(),
                        JsonPointer.append(compPtr, inst.kind()), track));
            }
            rungs.add(rung(compName, compMap, parent.values(), compPtr, track));
        }
        for (ChartInstance a = parent; a != null; a = a.parent()) {
            rungs.add(rung(rungName(a), a.values().data(), a.values(), "", track));
        }
        rungs.add(rung("global", Values.child(inst.values().data(), "global"), inst.values(), "/global", track));
        Builtins b = new Builtins(chart(inst), release(), scope(inst), options.kubeVersion(), ref.sourcePath(),
                checksums, hosts);
        return new ScopeLadder(rungs, b, options.reads());
    }

    /** {@code osk.chart.*} */
    private static Map<String, Object> chart(ChartInstance inst) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("name", inst.chart().name());
        chart.put("version", inst.chart().metadata().version());
        chart.put("appVersion", inst.chart().metadata().appVersion() == null ? ""
                : inst.chart().metadata().appVersion());
        chart.put("description", inst.chart().metadata().description() == null ? ""
                : inst.chart().metadata().description());
        return chart;
    }

    /** {@code osk.release.*} */
    private Map<String, Object> release() {
        Map<String, Object> release = new LinkedHashMap<>();
        release.put("name", options.releaseName() != null ? options.releaseName() : root.chart().name());
        release.put("namespace", options.namespace());
        return release;
    }

    /** {@code osk.scope.*} */
    private static Map<String, Object> scope(ChartInstance inst) {
        ChartInstance parent = inst.parent();
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("key", inst.key());
        scope.put("component", inst.component() == null ? inst.key() : inst.component());
        scope.put("kind", inst.kind() == null ? "" : inst.kind());
        scope.put("parent", parent == null ? "" : parent.key());
        return scope;
    }

    private static ScopeLadder.Rung rung(String name, Map<String, Object> values, ValueTree tree, String pointer,
            boolean track) {
        return track ? new ScopeLadder.Rung(name, values, tree, pointer) : new ScopeLadder.Rung(name, values);
    }

    private static String rungName(ChartInstance inst) {
        return inst.parent() == null ? ScopeLadder.TOP_LEVEL : String.join(".", inst.valuesPath());
    }

    private static String prefix(ChartInstance inst) {
        return inst.parent() == null ? "" : String.join(".", inst.valuesPath()) + ".";
    }
}
