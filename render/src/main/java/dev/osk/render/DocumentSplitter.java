package dev.osk.render;

import dev.osk.render.manifest.Manifest;
import dev.osk.render.values.ValueOrigin;
import dev.osk.render.yaml.YamlDocument;
import dev.osk.render.yaml.YamlReader;
import dev.osk.render.yaml.YamlSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Splits a template's output into documents at {@code ---} lines and parses each the way the cluster will parse
 * it: one mapping with an {@code apiVersion} and a {@code kind} (an empty document is skipped). A problem is
 * reported at the template line behind the rendered line, with that line's text. Documents are parsed on the
 * other cores; the results are taken in order, so the first problem is the one a parse in order would meet.
 */
final class DocumentSplitter {
    private static final Pattern DOC_SEPARATOR = Pattern.compile("---(?:[ \\t].*)?\\r?");

    private final Function<Path, String> display;
    private final YamlReader kubeYaml = new YamlReader(YamlSchema.KUBE);
    /** What {@link #parseLater} does with each object right after parsing it, on the same core; or null. */
    private final java.util.function.UnaryOperator<Manifest> afterParse;

    DocumentSplitter(Function<Path, String> display) {
        this(display, null);
    }

    /**
     * @param afterParse applied by {@link #parseLater} to each object as soon as it is parsed, on the core that
     *     parsed it (its position among the template's objects is set afterwards); a problem it throws is
     *     taken as the parse's own
     */
    DocumentSplitter(Function<Path, String> display, java.util.function.UnaryOperator<Manifest> afterParse) {
        this.display = display;
        this.afterParse = afterParse;
    }

    /** Documents of one template being parsed, in slices; {@link #collect} takes them. */
    record Pending(List<Future<List<Object>>> parts) {
        /** Stops what is still running (after a problem elsewhere, or once everything was taken). */
        void cancel() {
            parts.forEach(f -> f.cancel(false));
        }
    }

    /** Starts parsing the documents of {@code r} on the other cores, in slices; see {@link #collect}. */
    Pending parseLater(TemplateRef ref, TemplateExecution.Rendered r) {
        Lines lines = new Lines(r.text());
        List<int[]> ranges = ranges(lines);
        String file = display.apply(ref.template().file());
        int slices = ranges.size() < 64 ? 1 : Math.min(ranges.size() / 32, 16);
        List<Future<List<Object>>> parts = new ArrayList<>(slices);
        for (int c = 0; c < slices; c++) {
            List<int[]> slice = ranges.subList(ranges.size() * c / slices, ranges.size() * (c + 1) / slices);
            parts.add(Parallel.submit(() -> {
                List<Object> out = new ArrayList<>(slice.size());
                for (int[] range : slice) {
                    try {
                        Parsed p = parse(ref, file, r, lines, range[0], range[1]);
                        out.add(afterParse == null || p == null ? p : afterParse.apply(p.manifest(ref, 0)));
                    } catch (RuntimeException | Error e) {
                        // what follows comes after the problem: a parse in order never got there
                        out.add(new Failed(e));
                        break;
                    }
                }
                return out;
            }));
        }
        return new Pending(parts);
    }

    private record Failed(Throwable cause) {
    }

    /** The manifests {@link #parseLater} parsed, in order; the first problem is thrown as it was. */
    List<Manifest> collect(TemplateRef ref, Pending pending) {
        List<Manifest> out = new ArrayList<>();
        for (Future<List<Object>> part : pending.parts()) {
            for (Object o : Parallel.join(part)) {
                if (o instanceof Failed f) {
                    if (f.cause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw (Error) f.cause();
                }
                if (o instanceof Parsed p) {
                    out.add(p.manifest(ref, out.size()));
                } else if (o instanceof Manifest m) {
                    out.add(m.withIndex(out.size()));
                }
            }
        }
        return out;
    }

    /** The manifests of {@code r}, parsed now (on all cores). */
    List<Manifest> split(TemplateRef ref, TemplateExecution.Rendered r) {
        Lines lines = new Lines(r.text());
        List<int[]> ranges = ranges(lines);
        // the documents are parsed on all cores (a template that repeats a section renders thousands); the
        // template's name is looked up here, on this thread
        String file = display.apply(ref.template().file());
        List<Parsed> parsed = Parallel.map(ranges, 64, range -> parse(ref, file, r, lines, range[0], range[1]));
        List<Manifest> out = new ArrayList<>();
        for (Parsed p : parsed) {
            if (p != null) {
                out.add(p.manifest(ref, out.size()));
            }
        }
        return out;
    }

    /**
     * The lines of a template's text, as offsets into it (a render of 100,000 objects has millions of lines: a
     * string for each would be most of what the render allocates). A final newline ends the last line; it does
     * not start another one.
     */
    private static final class Lines {
        private final String text;
        /** Where each line starts; one more entry, the end of the text (after its final newline, if any). */
        private final int[] starts;
        private final int count;

        Lines(String text) {
            this.text = text;
            int n = 1;
            for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
                n++;
            }
            boolean finalNewline = text.endsWith("\n");
            count = finalNewline ? n - 1 : n;
            starts = new int[count + 1];
            int line = 1;
            for (int i = text.indexOf('\n'); i >= 0 && line <= count; i = text.indexOf('\n', i + 1)) {
                starts[line++] = i + 1;
            }
            starts[count] = finalNewline ? text.length() : text.length() + 1;
        }

        int count() {
            return count;
        }

        /** Line {@code i} (from 0) without its line break. */
        String line(int i) {
            return text.substring(starts[i], starts[i + 1] - 1);
        }

        /** Whether line {@code i} is a document separator: {@code ---}, alone or before a space or tab and more. */
        boolean separator(int i) {
            // only a line that starts with three dashes is matched in full
            return text.startsWith("---", starts[i]) && DOC_SEPARATOR.matcher(line(i)).matches();
        }

        /** Lines {@code from} to {@code to} (exclusive), each ended by a newline. */
        String text(int from, int to) {
            int end = starts[to];
            if (end > text.length()) {
                return text.substring(starts[from]) + "\n";
            }
            return text.substring(starts[from], end);
        }
    }

    /** The line ranges of the documents between {@code ---} separators. */
    private static List<int[]> ranges(Lines lines) {
        List<int[]> ranges = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= lines.count(); i++) {
            boolean end = i == lines.count() || lines.separator(i);
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

    private record Parsed(Map<String, Object> object, YamlDocument doc, List<Location> origins,
            List<List<ValueOrigin>> values) {
        Manifest manifest(TemplateRef ref, int index) {
            return new Manifest(ref.sourcePath(), index, object, doc, origins, "", values);
        }
    }

    /** Where the values on lines {@code from} to {@code to} (exclusive) were set, or null when none is known. */
    private static List<List<ValueOrigin>> values(TemplateExecution.Rendered r, int from, int to) {
        if (r.lineValues().isEmpty()) {
            return null;
        }
        // a view of the template's table, not a copy per document (a render holds every document until written)
        Map<Integer, List<ValueOrigin>> lineValues = r.lineValues();
        return new java.util.AbstractList<>() {
            @Override
            public List<ValueOrigin> get(int i) {
                java.util.Objects.checkIndex(i, to - from);
                return lineValues.getOrDefault(from + i, List.of());
            }

            @Override
            public int size() {
                return to - from;
            }
        };
    }

    /** The document in lines {@code from} to {@code to} (exclusive), or null when it is empty. */
    @SuppressWarnings("unchecked")
    private Parsed parse(TemplateRef ref, String file, TemplateExecution.Rendered r, Lines lines, int from,
            int to) {
        List<Location> origins;
        if (to <= r.lineOrigins().size()) {
            origins = r.lineOrigins().subList(from, to);
        } else {
            origins = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                origins.add(i < r.lineOrigins().size() ? r.lineOrigins().get(i) : Location.of(file));
            }
        }
        List<YamlDocument> docs;
        try {
            docs = kubeYaml.readAllLazily(lines.text(from, to), ref.sourcePath());
        } catch (OskException e) {
            Location at = e.location();
            int line = at == null ? 0 : at.line();
            Location origin = line >= 1 && line <= origins.size() ? origins.get(line - 1).withColumn(at.column())
                    : Location.of(file);
            String rendered = line >= 1 && line <= to - from ? lines.line(from + line - 1).strip() : "";
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
        return new Parsed(obj, doc, origins, values(r, from, to));
    }
}
