package dev.osk.render;

import com.github.mustachejava.Mustache;
import dev.osk.render.chart.TemplateFile;
import dev.osk.render.manifest.Manifest;
import dev.osk.render.template.Builtins;
import dev.osk.render.template.OskMustacheFactory;
import dev.osk.render.template.RenderBounds;
import dev.osk.render.template.StatefulSetHosts;
import dev.osk.render.template.TrackingWriter;
import dev.osk.render.values.ValueOrigin;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Executes templates: each one compiled once and run once with its scope ladder, its text and the template line
 * behind each output line kept, since {@code osk.checksum} and {@code osk.statefulSetHosts} read other templates'
 * output (a template that needs its own output, through others, is an error). All templates of one render share
 * one bound on their output ({@link RenderBounds}).
 */
final class TemplateExecution {
    /**
     * A template's output, for each of its lines the template position that produced it, and, by line (from 0),
     * where the values on it were set (only when the render tracks where values were set).
     */
    record Rendered(String text, List<Location> lineOrigins, Map<Integer, List<ValueOrigin>> lineValues) {
    }

    private final ChartInstance root;
    private final Function<Path, String> display;
    private final OskMustacheFactory factory;
    private final ScopeLadderBuilder ladders;
    private final DocumentSplitter splitter;
    private final Map<String, Rendered> texts = new HashMap<>();
    private final Deque<String> inProgress = new ArrayDeque<>();
    private final RenderBounds bounds = new RenderBounds();

    TemplateExecution(ChartInstance root, RenderOptions options, Function<Path, String> display,
            DocumentSplitter splitter) {
        this.root = root;
        this.display = display;
        this.factory = new OskMustacheFactory(new ChartPartials(root), f -> display.apply(Path.of(f)));
        this.ladders = new ScopeLadderBuilder(root, options);
        this.splitter = splitter;
    }

    /** The output of {@code ref}, executed on first use. */
    Rendered text(TemplateRef ref) {
        String key = ref.sourcePath();
        Rendered done = texts.get(key);
        if (done != null) {
            return done;
        }
        if (inProgress.contains(key)) {
            throw new OskException(Location.of(display.apply(ref.template().file())),
                    "osk.checksum cycle: " + String.join(" -> ", inProgress) + " -> " + key);
        }
        inProgress.push(key);
        try {
            Mustache m = factory.template(ref.template().file());
            TrackingWriter out = new TrackingWriter(bounds);
            List<Object> scopes = new ArrayList<>();
            ChartInstance inst = ref.instance();
            scopes.add(ladders.ladder(ref, rel -> checksumText(inst, rel), new StatefulSetHosts(this::objectsOf)));
            factory.execute(m, out, scopes);
            Rendered r = new Rendered(out.text(), List.copyOf(out.lineOrigins()), Map.copyOf(out.lineValues()));
            texts.put(key, r);
            return r;
        } finally {
            inProgress.pop();
        }
    }

    /** {@code osk.checksum}: the output of the template at {@code rel}, a path from {@code from}'s folder. */
    private String checksumText(ChartInstance from, String rel) {
        ChartInstance inst = from;
        String[] parts = rel.split("/");
        int i = 0;
        while (i < parts.length && !parts[i].equals("templates")) {
            String p = parts[i++];
            if (p.equals("..")) {
                inst = inst.parent();
            } else if (!p.equals("charts") && !p.equals(".")) {
                inst = child(inst, p);
            }
            if (inst == null) {
                throw new Builtins.HelperException("osk.checksum: no chart at '" + rel + "'");
            }
        }
        String templatePath = String.join("/", Arrays.copyOfRange(parts, i, parts.length));
        for (TemplateFile t : inst.chart().templates()) {
            if (t.relativePath().equals(templatePath)) {
                return text(TemplateRef.of(inst, t)).text();
            }
        }
        throw new Builtins.HelperException("osk.checksum: chart '" + inst.chart().name() + "' has no template '"
                + templatePath + "'");
    }

    /** The objects the chart at {@code chartPath} (aliases from the root, '/'-separated) renders. */
    private List<Map<String, Object>> objectsOf(String chartPath) {
        ChartInstance inst = root;
        for (String p : chartPath.split("/", -1)) {
            ChartInstance next = child(inst, p);
            if (next == null) {
                throw new Builtins.HelperException("no chart '" + chartPath + "' in this render of "
                        + root.chart().name() + " (switched off, or in another kit?); give the value an"
                        + " otherwise text, or the option its hosts as text");
            }
            inst = next;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (TemplateFile t : inst.chart().templates()) {
            TemplateRef ref = TemplateRef.of(inst, t);
            for (Manifest m : splitter.split(ref, text(ref))) {
                out.add(m.object());
            }
        }
        return out;
    }

    /** The last child of {@code inst} with key {@code key}, or null. */
    private static ChartInstance child(ChartInstance inst, String key) {
        ChartInstance next = null;
        for (ChartInstance c : inst.children()) {
            if (c.key().equals(key)) {
                next = c;
            }
        }
        return next;
    }
}
