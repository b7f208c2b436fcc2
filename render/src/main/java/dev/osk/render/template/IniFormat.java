package dev.osk.render.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a values map as an INI / oslo.config file. Top-level keys whose values are maps are sections (in the
 * map's order); other top-level keys come first, outside any section. Inside a section: lists become
 * comma-separated, null values are left out, and {@code {type: multistring, values: [...]}} repeats the key once
 * per value.
 */
public final class IniFormat {
    private IniFormat() {
    }

    public static String render(Map<?, ?> conf, String what) {
        StringBuilder head = new StringBuilder();
        List<String> sections = new ArrayList<>();
        for (Map.Entry<?, ?> e : conf.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (e.getValue() instanceof Map<?, ?> section && !isMultistring(section)) {
                StringBuilder sb = new StringBuilder();
                sb.append('[').append(key).append("]\n");
                for (Map.Entry<?, ?> kv : section.entrySet()) {
                    option(sb, String.valueOf(kv.getKey()), kv.getValue(), what + "." + key);
                }
                sections.add(sb.toString());
            } else {
                option(head, key, e.getValue(), what);
            }
        }
        StringBuilder out = new StringBuilder(head);
        for (String s : sections) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(s);
        }
        return out.toString();
    }

    private static boolean isMultistring(Map<?, ?> m) {
        return "multistring".equals(m.get("type")) && m.get("values") instanceof List<?>;
    }

    private static void option(StringBuilder sb, String key, Object value, String where) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> m) {
            if (isMultistring(m)) {
                for (Object v : (List<?>) m.get("values")) {
                    line(sb, key, text(v, where + "." + key));
                }
                return;
            }
            throw new IllegalArgumentException("'" + where + "." + key
                    + "' is a map nested too deep for an INI file (sections hold only scalars and lists)");
        }
        if (value instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object v : l) {
                parts.add(text(v, where + "." + key));
            }
            line(sb, key, String.join(",", parts));
            return;
        }
        line(sb, key, text(value, where + "." + key));
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(key).append(" = ").append(value).append('\n');
    }

    private static String text(Object v, String where) {
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            throw new IllegalArgumentException("'" + where + "' holds a nested structure, which INI cannot express");
        }
        String s = ValueText.of(v);
        if (s.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("'" + where + "' spans several lines, which INI cannot express");
        }
        return s;
    }
}
