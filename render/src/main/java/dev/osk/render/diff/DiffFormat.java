package dev.osk.render.diff;

import dev.osk.render.InvalidRequestException;
import dev.osk.render.ControlCharacters;
import dev.osk.render.template.JsonFormat;
import dev.osk.render.yaml.YamlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a diff is written. Text: one line per added ({@code +}), removed ({@code -}) and changed ({@code ~})
 * object, then a unified diff of the canonical YAML of each changed object, then the summary line. JSON: the
 * counts and, per object, its change and the changed fields as JSON pointers.
 */
public enum DiffFormat {
    TEXT, JSON;

    public static DiffFormat parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("unknown output format '" + s + "'; legal values: text, json");
        }
    }

    /**
     * @param context unchanged lines around each change in unified diffs
     * @param brief objects and counts only: no unified diffs (text), no field changes (JSON)
     */
    public String write(DiffResult result, int context, boolean brief) {
        return this == TEXT ? text(result, context, brief) : json(result, context, brief);
    }

    private static String text(DiffResult r, int context, boolean brief) {
        StringBuilder sb = new StringBuilder();
        for (Change c : r.changes()) {
            sb.append(c.type().sign()).append(' ').append(ControlCharacters.escape(c.description())).append('\n');
        }
        if (!brief && r.count(Change.Type.CHANGED) > 0) {
            YamlWriter yaml = new YamlWriter();
            sb.append('\n');
            for (Change c : r.changes()) {
                if (c.type() == Change.Type.CHANGED) {
                    sb.append("~ ").append(ControlCharacters.escape(c.description())).append('\n');
                    sb.append(LineDiff.unified(yaml.write(c.oldObject()), yaml.write(c.newObject()), context));
                }
            }
        }
        if (r.hasChanges()) {
            sb.append('\n');
        }
        return sb.append(r.summary()).append('\n').toString();
    }

    private static String json(DiffResult r, int context, boolean brief) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("added", (long) r.count(Change.Type.ADDED));
        root.put("removed", (long) r.count(Change.Type.REMOVED));
        root.put("changed", (long) r.count(Change.Type.CHANGED));
        root.put("unchanged", (long) r.unchanged());
        List<Object> objects = new ArrayList<>();
        for (Change c : r.changes()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("change", c.type().id());
            o.put("apiVersion", c.apiVersion());
            o.put("kind", c.key().kind());
            o.put("namespace", c.key().namespace().isEmpty() ? null : c.key().namespace());
            o.put("name", c.key().name());
            if (c.type() == Change.Type.CHANGED && !brief) {
                List<Object> fields = new ArrayList<>();
                for (FieldChange f : c.fields()) {
                    fields.add(field(f, context));
                }
                o.put("changes", fields);
            }
            objects.add(o);
        }
        root.put("objects", objects);
        return JsonFormat.render(root) + "\n";
    }

    private static Map<String, Object> field(FieldChange f, int context) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("op", f.op().id());
        m.put("path", f.path());
        if (f.redacted()) {
            m.put("redacted", true);
            return m;
        }
        if (f.op() != FieldChange.Op.ADD) {
            m.put("old", jsonSafe(f.oldValue()));
        }
        if (f.op() != FieldChange.Op.REMOVE) {
            m.put("new", jsonSafe(f.newValue()));
        }
        if (f.op() == FieldChange.Op.REPLACE && f.oldValue() instanceof String a && f.newValue() instanceof String b
                && (a.indexOf('\n') >= 0 || b.indexOf('\n') >= 0)) {
            m.put("diff", LineDiff.unified(a, b, context));
        }
        return m;
    }

    /** JSON has no infinities or NaN: those are written as their YAML text. */
    private static Object jsonSafe(Object v) {
        if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return d.isNaN() ? ".nan" : d > 0 ? ".inf" : "-.inf";
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), jsonSafe(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(DiffFormat::jsonSafe).toList();
        }
        return v;
    }
}
