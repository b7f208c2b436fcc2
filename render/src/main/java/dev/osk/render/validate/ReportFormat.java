package dev.osk.render.validate;

import dev.osk.render.ControlCharacters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How a validation report is written: text (one line per finding), JSON, or JUnit XML for CI. */
public enum ReportFormat {
    TEXT, JSON, JUNIT;

    public static ReportFormat parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new dev.osk.render.InvalidRequestException("unknown output format '" + s
                    + "'; legal values: text, json, junit");
        }
    }

    /**
     * @param objects every validated object's description, in order (JUnit lists each as a test case)
     */
    public String write(ValidationReport report, List<String> objects) {
        return switch (this) {
            case TEXT -> text(report);
            case JSON -> json(report);
            case JUNIT -> junit(report, objects);
        };
    }

    private static String text(ValidationReport r) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : r.findings()) {
            sb.append(f.text()).append('\n');
        }
        sb.append(r.valid() ? "valid: " : "invalid: ").append(r.summary()).append('\n');
        return sb.toString();
    }

    private static String json(ValidationReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"valid\":").append(r.valid()).append(",\"objects\":").append(r.objects())
                .append(",\"errors\":").append(r.errors()).append(",\"warnings\":").append(r.warnings())
                .append(",\"findings\":[");
        boolean first = true;
        for (Finding f : r.findings()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("severity", f.severity().id());
            m.put("check", f.check().id());
            m.put("object", f.object());
            m.put("pointer", f.pointer());
            m.put("message", f.message());
            if (f.location() != null) {
                m.put("file", f.location().file());
                m.put("line", (long) f.location().line());
                m.put("column", (long) f.location().column());
            }
            sb.append(dev.osk.render.template.JsonFormat.render(m));
        }
        sb.append("]}\n");
        return sb.toString();
    }

    private static String junit(ValidationReport r, List<String> objects) {
        Map<String, List<Finding>> byObject = new LinkedHashMap<>();
        for (String o : objects) {
            byObject.putIfAbsent(o, new ArrayList<>());
        }
        for (Finding f : r.findings()) {
            byObject.computeIfAbsent(f.object(), k -> new ArrayList<>()).add(f);
        }
        long failures = byObject.values().stream().filter(l -> l.stream()
                .anyMatch(f -> f.severity() == Finding.Severity.ERROR)).count();
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuites name=\"osk validate\" tests=\"").append(byObject.size()).append("\" failures=\"")
                .append(failures).append("\">\n");
        sb.append("  <testsuite name=\"osk validate\" tests=\"").append(byObject.size()).append("\" failures=\"")
                .append(failures).append("\" errors=\"0\" skipped=\"0\">\n");
        for (Map.Entry<String, List<Finding>> e : byObject.entrySet()) {
            sb.append("    <testcase classname=\"osk.validate\" name=\"").append(xml(e.getKey(), false)).append('"');
            List<Finding> errors = e.getValue().stream().filter(f -> f.severity() == Finding.Severity.ERROR).toList();
            List<Finding> warnings = e.getValue().stream().filter(f -> f.severity() == Finding.Severity.WARNING)
                    .toList();
            if (errors.isEmpty() && warnings.isEmpty()) {
                sb.append("/>\n");
                continue;
            }
            sb.append(">\n");
            if (!errors.isEmpty()) {
                sb.append("      <failure message=\"").append(xml(errors.get(0).message(), false)).append("\" type=\"")
                        .append(errors.get(0).check().id()).append("\">");
                for (Finding f : errors) {
                    sb.append(xml(f.text(), true)).append('\n');
                }
                sb.append("</failure>\n");
            }
            if (!warnings.isEmpty()) {
                sb.append("      <system-out>");
                for (Finding f : warnings) {
                    sb.append(xml(f.text(), true)).append('\n');
                }
                sb.append("</system-out>\n");
            }
            sb.append("    </testcase>\n");
        }
        sb.append("  </testsuite>\n</testsuites>\n");
        return sb.toString();
    }

    /**
     * XML text ({@code text}) or attribute value: markup characters as entities, control characters (which XML
     * cannot hold, or would turn into spaces in attributes) as visible text ({@code \\u001b}), line breaks kept
     * only in text.
     */
    private static String xml(String raw, boolean text) {
        String s = ControlCharacters.escape(raw, text ? "\n" : "");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\ufffe', '\uffff' -> sb.append(String.format("\\u%04x", (int) c));
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
