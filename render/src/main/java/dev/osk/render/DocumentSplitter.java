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

    DocumentSplitter(Function<Path, String> display) {
        this.display = display;
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
        String[] lines = lines(r.text());
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
                }
            }
        }
        return out;
    }

    /** The manifests of {@code r}, parsed now (on all cores). */
    List<Manifest> split(TemplateRef ref, TemplateExecution.Rendered r) {
        String[] lines = lines(r.text());
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

    /** The lines of {@code text}: a final newline ends the last line; it does not start another one. */
    private static String[] lines(String text) {
        return (text.endsWith("\n") ? text.substring(0, text.length() - 1) : text).split("\n", -1);
    }

    /** The line ranges of the documents between {@code ---} separators. */
    private static List<int[]> ranges(String[] lines) {
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
    private Parsed parse(TemplateRef ref, String file, TemplateExecution.Rendered r, String[] lines, int from,
            int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(lines[i]).append('\n');
        }
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
        return new Parsed(obj, doc, origins, values(r, from, to));
    }
}
