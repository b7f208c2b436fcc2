package dev.osk.render.yaml;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns a value into YAML text that reads back as exactly that value, for insertion into a template:
 * strings are quoted when any YAML reader would mistype or misparse them, maps and lists are written in flow
 * style, and multi-line strings become literal blocks where the insertion point allows one.
 */
public final class YamlScalars {
    private YamlScalars() {
    }

    /** Single-line YAML for {@code value}: a scalar, or a flow map or sequence. */
    public static String inline(Object value) {
        StringBuilder sb = new StringBuilder();
        appendInline(sb, value);
        return sb.toString();
    }

    public static void appendInline(StringBuilder sb, Object value) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String s) {
            appendString(sb, s);
        } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer
                || value instanceof java.math.BigInteger || value instanceof Short || value instanceof Byte) {
            sb.append(value);
        } else if (value instanceof BigDecimal d) {
            sb.append(d.toString());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d)) {
                sb.append(".nan");
            } else if (Double.isInfinite(d)) {
                sb.append(d > 0 ? ".inf" : "-.inf");
            } else {
                sb.append(BigDecimal.valueOf(d).toString());
            }
        } else if (value instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                appendString(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                appendInline(sb, e.getValue());
                if (it.hasNext()) {
                    sb.append(", ");
                }
            }
            sb.append('}');
        } else if (value instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                appendInline(sb, l.get(i));
            }
            sb.append(']');
        } else {
            appendString(sb, String.valueOf(value));
        }
    }

    /** True when {@code s} can be written unquoted anywhere (block or flow context) and reads back unchanged. */
    public static boolean isPlainSafe(String s) {
        int n = s.length();
        if (n == 0 || s.charAt(0) == ' ' || s.charAt(n - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '.' || c == '/' || (i > 0 && (c == '-' || (c == ' ' && s.charAt(i - 1) != ' ')));
            if (!ok) {
                return false;
            }
        }
        return !YamlSchema.isAmbiguous(s);
    }

    static void appendString(StringBuilder sb, String s) {
        if (isPlainSafe(s)) {
            sb.append(s);
        } else {
            appendDoubleQuoted(sb, s);
        }
    }

    public static String doubleQuoted(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        appendDoubleQuoted(sb, s);
        return sb.toString();
    }

    static void appendDoubleQuoted(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '\0' -> sb.append("\\0");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\ufeff'
                            || (Character.isSurrogate(c) && !validSurrogate(s, i))) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /**
     * A literal block scalar ({@code |}, {@code |-} or {@code |+} and the indented lines) for a multi-line
     * string, or null when a literal block cannot hold it exactly (control characters, carriage returns, or a
     * first line that starts with a space).
     */
    public static String literalBlock(String s, int indent) {
        if (s.indexOf('\n') < 0 || s.startsWith(" ") || s.startsWith("\t") || s.startsWith("\n")) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == '\u2028'
                    || c == '\u2029' || c == '\ufeff' || Character.isSurrogate(c) && !validSurrogate(s, i)) {
                return null;
            }
        }
        String body = s;
        String chomp;
        if (s.endsWith("\n\n")) {
            chomp = "|+";
        } else if (s.endsWith("\n")) {
            chomp = "|";
        } else {
            chomp = "|-";
        }
        if (body.endsWith("\n")) {
            body = body.substring(0, body.length() - 1);
        }
        String pad = " ".repeat(indent);
        StringBuilder sb = new StringBuilder(chomp);
        for (String line : body.split("\n", -1)) {
            sb.append('\n');
            if (!line.isEmpty()) {
                sb.append(pad).append(line);
            }
        }
        return sb.toString();
    }
}
