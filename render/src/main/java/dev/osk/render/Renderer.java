package dev.osk.render;

import com.github.mustachejava.Mustache;
import dev.osk.render.chart.Chart;
import dev.osk.render.chart.TemplateFile;
import dev.osk.render.manifest.KindOrder;
import dev.osk.render.manifest.Manifest;
import dev.osk.render.manifest.ManifestSorter;
import dev.osk.render.template.Builtins;
import dev.osk.render.template.OskMustacheFactory;
import dev.osk.render.template.RenderBounds;
import dev.osk.render.template.ScopeLadder;
import dev.osk.render.values.ValueTree;
import dev.osk.render.yaml.JsonPointer;
import dev.osk.render.template.StatefulSetHosts;
import dev.osk.render.template.TrackingWriter;
import dev.osk.render.values.Values;
import dev.osk.render.yaml.YamlDocument;
import dev.osk.render.yaml.YamlReader;
import dev.osk.render.yaml.YamlSchema;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Renders an instance tree: every template of every enabled chart (or those {@code --show-only} selects),
 * each compiled once, executed with its scope ladder, split into documents, and parsed as the cluster will parse
 * it. Errors are collected across templates and reported together.
 */
public final class Renderer {
    private static final Pattern DOC_SEPARATOR = Pattern.compile("---(?:[ \\t].*)?\\r?");
    private static final int MAX_ERRORS = 50;

    private final Function<Path, String> display;

    /** @param display how a file is named in messages */
    public Renderer(Function<Path, String> display) {
        this.display = display;
    }

    /** The rendered objects in output order. */
    public List<Manifest> render(ChartInstance root, RenderOptions options) {
        Run run = new Run(root, options);
        return run.render();
    }

    private record TemplateRef(ChartInstance instance, TemplateFile template, String sourcePath) {
    }

    private record Rendered(String text, List<Location> lineOrigins) {
    }

    private final class Run {
        final ChartInstance root;
        final RenderOptions options;
        final OskMustacheFactory factory;
        final Map<String, Rendered> texts = new HashMap<>();
        final Deque<String> inProgress = new ArrayDeque<>();
        final YamlReader kubeYaml = new YamlReader(YamlSchema.KUBE);
        final RenderBounds bounds = new RenderBounds();

        Run(ChartInstance root, RenderOptions options) {
            this.root = root;
            this.options = options;
            this.factory = new OskMustacheFactory(new Partials(root), f -> display.apply(Path.of(f)));
        }

        List<Manifest> render() {
            List<TemplateRef> refs = new ArrayList<>();
            for (ChartInstance inst : root.walk()) {
                for (TemplateFile t : inst.chart().templates()) {
                    refs.add(new TemplateRef(inst, t, inst.sourcePrefix() + "/" + t.relativePath()));
                }
            }
            refs = select(refs);
            // each template's text is rendered here, in order, while its documents are parsed on the other cores;
            // then the results are taken in template order, as if each template had been parsed right away
            List<Outcome> outcomes = new ArrayList<>();
            for (TemplateRef ref : refs) {
                Outcome o;
                try {
                    o = new Outcome(ref, parseLater(ref, text(ref)), null);
                } catch (OskException e) {
                    o = new Outcome(ref, null, e);
                }
                outcomes.add(o);
                if (o.problem() instanceof RenderBounds.Exceeded) {
                    break;
                }
            }
            List<Manifest> manifests = new ArrayList<>();
            List<OskException> errors = new ArrayList<>();
            // a problem in a partial or in a template another one checksums shows once, not once per user
            java.util.Set<String> reported = new java.util.HashSet<>();
            try {
                for (Outcome o : outcomes) {
                    TemplateRef ref = o.ref();
                    try {
                        if (o.problem() != null) {
                            throw o.problem();
                        }
                        manifests.addAll(collect(ref, o.parts()));
                    } catch (RenderBounds.Exceeded e) {
                        // every later template would only hit the same limit
                        errors.add(within(e, ref));
                        break;
                    } catch (MultipleProblemsException e) {
                        for (OskException p : e.problems()) {
                            if (reported.add(p.getMessage())) {
                                errors.add(within(p, ref));
                            }
                        }
                    } catch (OskException e) {
                        if (reported.add(e.getMessage())) {
                            errors.add(within(e, ref));
                        }
                    }
                    if (errors.size() >= MAX_ERRORS) {
                        break;
                    }
                }
            } finally {
                for (Outcome o : outcomes) {
                    if (o.parts() != null) {
                        o.parts().forEach(f -> f.cancel(false));
                    }
                }
            }
            if (!errors.isEmpty()) {
                throw new MultipleProblemsException(errors);
            }
            if (options.setNamespace()) {
                for (Manifest m : manifests) {
                    setNamespace(m);
                }
            }
            return ManifestSorter.sort(manifests);
        }

        /** Names the template being rendered when the problem lies in a partial or another chart's file. */
        private OskException within(OskException e, TemplateRef ref) {
            String file = display.apply(ref.template().file());
            if (e.location() == null || e.location().file().equals(file) || e.detail().contains(" (rendering ")) {
                return e;
            }
            return new OskException(e.location(), e.detail() + " (rendering " + ref.sourcePath() + ")", e);
        }

        private List<TemplateRef> select(List<TemplateRef> refs) {
            if (options.showOnly().isEmpty()) {
                return refs;
            }
            List<TemplateRef> out = new ArrayList<>();
            String rootPrefix = root.sourcePrefix() + "/";
            for (String glob : options.showOnly()) {
                PathMatcher pm;
                try {
                    pm = FileSystems.getDefault().getPathMatcher("glob:" + glob);
                } catch (IllegalArgumentException e) {
                    throw new InvalidRequestException("--show-only '" + glob + "' is not a valid glob");
                }
                boolean any = false;
                for (TemplateRef r : refs) {
                    String rel = r.sourcePath().substring(rootPrefix.length());
                    if (pm.matches(Path.of(r.sourcePath())) || pm.matches(Path.of(rel))) {
                        any = true;
                        if (!out.contains(r)) {
                            out.add(r);
                        }
                    }
                }
                if (!any) {
                    throw new InvalidRequestException("--show-only '" + glob + "' matches no template of "
                            + root.chart().name());
                }
            }
            out.sort((a, b) -> Integer.compare(refs.indexOf(a), refs.indexOf(b)));
            return out;
        }

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
                scopes.add(ladder(ref));
                factory.execute(m, out, scopes);
                Rendered r = new Rendered(out.text(), out.lineOrigins());
                texts.put(key, r);
                return r;
            } finally {
                inProgress.pop();
            }
        }

        private ScopeLadder ladder(TemplateRef ref) {
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
            Map<String, Object> chart = new LinkedHashMap<>();
            chart.put("name", inst.chart().name());
            chart.put("version", inst.chart().metadata().version());
            chart.put("appVersion", inst.chart().metadata().appVersion() == null ? ""
                    : inst.chart().metadata().appVersion());
            chart.put("description", inst.chart().metadata().description() == null ? ""
                    : inst.chart().metadata().description());
            Map<String, Object> release = new LinkedHashMap<>();
            release.put("name", options.releaseName() != null ? options.releaseName() : root.chart().name());
            release.put("namespace", options.namespace());
            Map<String, Object> scope = new LinkedHashMap<>();
            scope.put("key", inst.key());
            scope.put("component", inst.component() == null ? inst.key() : inst.component());
            scope.put("kind", inst.kind() == null ? "" : inst.kind());
            scope.put("parent", parent == null ? "" : parent.key());
            Builtins b = new Builtins(chart, release, scope, options.kubeVersion(), ref.sourcePath(),
                    rel -> checksumText(inst, rel), new StatefulSetHosts(this::objectsOf));
            return new ScopeLadder(rungs, b, options.reads());
        }

        private static ScopeLadder.Rung rung(String name, Map<String, Object> values, ValueTree tree, String pointer,
                boolean track) {
            return track ? new ScopeLadder.Rung(name, values, tree, pointer) : new ScopeLadder.Rung(name, values);
        }

        private String checksumText(ChartInstance from, String rel) {
            ChartInstance inst = from;
            String[] parts = rel.split("/");
            int i = 0;
            while (i < parts.length && !parts[i].equals("templates")) {
                String p = parts[i++];
                if (p.equals("..")) {
                    inst = inst.parent();
                } else if (!p.equals("charts") && !p.equals(".")) {
                    ChartInstance next = null;
                    for (ChartInstance c : inst.children()) {
                        if (c.key().equals(p)) {
                            next = c;
                        }
                    }
                    inst = next;
                }
                if (inst == null) {
                    throw new Builtins.HelperException("osk.checksum: no chart at '" + rel + "'");
                }
            }
            String templatePath = String.join("/", java.util.Arrays.copyOfRange(parts, i, parts.length));
            for (TemplateFile t : inst.chart().templates()) {
                if (t.relativePath().equals(templatePath)) {
                    return text(new TemplateRef(inst, t, inst.sourcePrefix() + "/" + t.relativePath())).text();
                }
            }
            throw new Builtins.HelperException("osk.checksum: chart '" + inst.chart().name() + "' has no template '"
                    + templatePath + "'");
        }

        /** The objects the chart at {@code chartPath} (aliases from the root, '/'-separated) renders. */
        private List<Map<String, Object>> objectsOf(String chartPath) {
            ChartInstance inst = root;
            for (String p : chartPath.split("/", -1)) {
                ChartInstance next = null;
                for (ChartInstance c : inst.children()) {
                    if (c.key().equals(p)) {
                        next = c;
                    }
                }
                if (next == null) {
                    throw new Builtins.HelperException("no chart '" + chartPath + "' in this render of "
                            + root.chart().name() + " (switched off, or in another kit?); give the value an"
                            + " otherwise text, or the option its hosts as text");
                }
                inst = next;
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (TemplateFile t : inst.chart().templates()) {
                TemplateRef ref = new TemplateRef(inst, t, inst.sourcePrefix() + "/" + t.relativePath());
                for (Manifest m : split(ref, text(ref))) {
                    out.add(m.object());
                }
            }
            return out;
        }

        /** What rendering one template gave: its documents, being parsed, or the problem. */
        private record Outcome(TemplateRef ref, List<java.util.concurrent.Future<List<Object>>> parts,
                OskException problem) {
        }

        /** Starts parsing the documents of {@code r} on the other cores, in slices; see {@link #collect}. */
        private List<java.util.concurrent.Future<List<Object>>> parseLater(TemplateRef ref, Rendered r) {
            String text = r.text();
            String[] lines = (text.endsWith("\n") ? text.substring(0, text.length() - 1) : text).split("\n", -1);
            List<int[]> ranges = ranges(lines);
            String file = display.apply(ref.template().file());
            int slices = ranges.size() < 64 ? 1 : Math.min(ranges.size() / 32, 16);
            List<java.util.concurrent.Future<List<Object>>> parts = new ArrayList<>(slices);
            for (int c = 0; c < slices; c++) {
                List<int[]> slice = ranges.subList(ranges.size() * c / slices, ranges.size() * (c + 1) / slices);
                parts.add(Parallel.submit(() -> {
                    List<Object> out = new ArrayList<>(slice.size());
                    for (int[] range : slice) {
                        try {
                            out.add(parse(ref, file, r, lines, range[0], range[1]));
                        } catch (RuntimeException | Error e) {
                            // what follows comes after the problem: a parse in order never got there
                            out.add(new Failed(e));
                            break;
                        }
                    }
                    return out;
                }));
            }
            return parts;
        }

        private record Failed(Throwable cause) {
        }

        /** The manifests {@link #parseLater} parsed, in order; the first problem is thrown as it was. */
        private List<Manifest> collect(TemplateRef ref, List<java.util.concurrent.Future<List<Object>>> parts) {
            List<Manifest> out = new ArrayList<>();
            for (java.util.concurrent.Future<List<Object>> part : parts) {
                for (Object o : Parallel.join(part)) {
                    if (o instanceof Failed f) {
                        if (f.cause() instanceof RuntimeException re) {
                            throw re;
                        }
                        throw (Error) f.cause();
                    }
                    if (o instanceof Parsed p) {
                        out.add(new Manifest(ref.sourcePath(), out.size(), p.object(), p.doc(), p.origins()));
                    }
                }
            }
            return out;
        }

        /** The line ranges of the documents between {@code ---} separators. */
        private List<int[]> ranges(String[] lines) {
            List<int[]> ranges = new ArrayList<>();
            int start = 0;
            for (int i = 0; i <= lines.length; i++) {
                boolean end = i == lines.length || DOC_SEPARATOR.matcher(lines[i]).matches();
                if (!end) {
                    continue;
                }
                if (i > start) {
                    ranges.add(new int[] {start, i});
                }
                start = i + 1;
            }
            return ranges;
        }

        private List<Manifest> split(TemplateRef ref, Rendered r) {
            String text = r.text();
            // a final newline ends the last line; it does not start another one
            String[] lines = (text.endsWith("\n") ? text.substring(0, text.length() - 1) : text).split("\n", -1);
            List<int[]> ranges = ranges(lines);
            // the documents are parsed on all cores (a template that repeats a section renders thousands); the
            // template's name is looked up here, on this thread
            String file = display.apply(ref.template().file());
            List<Parsed> parsed = Parallel.map(ranges, 64, range -> parse(ref, file, r, lines, range[0], range[1]));
            List<Manifest> out = new ArrayList<>();
            for (Parsed p : parsed) {
                if (p != null) {
                    out.add(new Manifest(ref.sourcePath(), out.size(), p.object(), p.doc(), p.origins()));
                }
            }
            return out;
        }

        private record Parsed(Map<String, Object> object, YamlDocument doc, List<Location> origins) {
        }

        @SuppressWarnings("unchecked")
        private Parsed parse(TemplateRef ref, String file, Rendered r, String[] lines, int from, int to) {
            StringBuilder sb = new StringBuilder();
            for (int i = from; i < to; i++) {
                sb.append(lines[i]).append('\n');
            }
            List<Location> origins = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                origins.add(i < r.lineOrigins().size() ? r.lineOrigins().get(i) : Location.of(file));
            }
            List<YamlDocument> docs;
            try {
                docs = kubeYaml.readAllLazily(sb.toString(), ref.sourcePath());
            } catch (OskException e) {
                Location at = e.location();
                int line = at == null ? 0 : at.line();
                Location origin = line >= 1 && line <= origins.size() ? origins.get(line - 1).withColumn(at.column())
                        : Location.of(file);
                String rendered = line >= 1 && line <= to - from ? lines[from + line - 1].strip() : "";
                // "invalid YAML: ..." or "document is larger than ...", "document nests deeper than ..."
                String problem = e.detail().startsWith("document ") ? "rendered " + e.detail()
                        : "rendered output is " + e.detail();
                throw new OskException(origin, problem
                        + (rendered.isEmpty() ? "" : " (rendered line: " + rendered + ")"));
            }
            if (docs.isEmpty() || docs.get(0).value() == null) {
                return null;
            }
            if (docs.size() > 1) {
                throw new OskException(origins.get(0), "expected one document between '---' separators");
            }
            YamlDocument doc = docs.get(0);
            Location first = origins.get(Math.max(0, doc.locate("").line() - 1));
            if (!(doc.value() instanceof Map<?, ?>)) {
                throw new OskException(first, "rendered document is not a mapping (a Kubernetes object)");
            }
            Map<String, Object> obj = (Map<String, Object>) doc.value();
            for (String field : new String[] {"apiVersion", "kind"}) {
                if (!(obj.get(field) instanceof String s) || s.isEmpty()) {
                    throw new OskException(first, "rendered object has no " + field);
                }
            }
            return new Parsed(obj, doc, origins);
        }

        @SuppressWarnings("unchecked")
        private void setNamespace(Manifest m) {
            if (KindOrder.isClusterScoped(m.kind()) || m.kind().endsWith("List")) {
                return;
            }
            Object meta = m.object().get("metadata");
            if (meta == null) {
                meta = new LinkedHashMap<String, Object>();
                m.object().put("metadata", meta);
            }
            if (!(meta instanceof Map<?, ?>)) {
                return;
            }
            Map<String, Object> md = (Map<String, Object>) meta;
            if (md.get("namespace") != null) {
                return;
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            boolean placed = false;
            for (Map.Entry<String, Object> e : md.entrySet()) {
                copy.put(e.getKey(), e.getValue());
                if (e.getKey().equals("name")) {
                    copy.put("namespace", options.namespace());
                    placed = true;
                }
            }
            if (!placed) {
                copy.put("namespace", options.namespace());
            }
            md.clear();
            md.putAll(copy);
        }

        private String rungName(ChartInstance inst) {
            return inst.parent() == null ? "(top level)" : String.join(".", inst.valuesPath());
        }

        private String prefix(ChartInstance inst) {
            return inst.parent() == null ? "" : String.join(".", inst.valuesPath()) + ".";
        }
    }

    /** Partial lookup: the including chart's own partials, then its library charts', breadth first. */
    private final class Partials implements OskMustacheFactory.PartialResolver {
        private final Map<String, Chart> byDir = new HashMap<>();

        Partials(ChartInstance root) {
            Map<Chart, Boolean> seen = new IdentityHashMap<>();
            for (ChartInstance i : root.walk()) {
                register(i.chart(), seen);
            }
        }

        private void register(Chart c, Map<Chart, Boolean> seen) {
            if (seen.put(c, Boolean.TRUE) != null) {
                return;
            }
            for (TemplateFile t : c.templates()) {
                byDir.put(t.file().getParent().toString() + "/", c);
            }
            for (Path p : c.partials().values()) {
                byDir.put(p.getParent().toString() + "/", c);
            }
            for (Chart d : c.dependencies()) {
                register(d, seen);
            }
        }

        private List<Chart> searchOrder(String dir) {
            Chart c = byDir.get(dir);
            List<Chart> order = new ArrayList<>();
            if (c == null) {
                return order;
            }
            Deque<Chart> queue = new ArrayDeque<>();
            queue.add(c);
            while (!queue.isEmpty()) {
                Chart x = queue.poll();
                if (order.contains(x)) {
                    continue;
                }
                order.add(x);
                for (Chart d : x.dependencies()) {
                    if (d.metadata().isLibrary()) {
                        queue.add(d);
                    }
                }
            }
            return order;
        }

        @Override
        public String resolve(String includingDir, String name) {
            for (Chart c : searchOrder(includingDir)) {
                Path p = c.partials().get(name);
                if (p != null) {
                    return p.toString();
                }
            }
            return null;
        }

        @Override
        public String searched(String includingDir, String name) {
            List<String> names = new ArrayList<>();
            for (Chart c : searchOrder(includingDir)) {
                names.add(c.name());
            }
            return names.isEmpty() ? "no chart" : "charts " + String.join(", ", names);
        }
    }
}
