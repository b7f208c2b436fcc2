package dev.osk.render.yaml;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes values as block YAML in kubectl's style (two-space indent, sequence items at their key's indent),
 * with every string that some YAML reader would mistype quoted, multi-line strings as literal blocks, exact
 * numbers, no anchors, no tags and no line folding. The same value always gives the same bytes.
 */
public final class YamlWriter {

    /** Block YAML for {@code value}, ending with a newline; {@code {}} for an empty map. */
    public String write(Object value) {
        StringBuilder sb = new StringBuilder(256);
        if (value instanceof Map<?, ?> m && !m.isEmpty()) {
            map(sb, m, 0);
        } else if (value instanceof List<?> l && !l.isEmpty()) {
            list(sb, l, 0);
        } else {
            scalar(sb, value, 0);
            sb.append('\n');
        }
        return sb.toString();
    }

    private void map(StringBuilder sb, Map<?, ?> m, int indent) {
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!first) {
                pad(sb, indent);
            }
            first = false;
            key(sb, String.valueOf(e.getKey()));
            sb.append(':');
            value(sb, e.getValue(), indent, false);
        }
    }

    private void list(StringBuilder sb, List<?> l, int indent) {
        boolean first = true;
        for (Object item : l) {
            if (!first) {
                pad(sb, indent);
            }
            first = false;
            sb.append('-');
            value(sb, item, indent, true);
        }
    }

    /** Writes what follows "key:" or "-": a nested block, or a space and a scalar, then the line end. */
    private void value(StringBuilder sb, Object v, int indent, boolean inList) {
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            if (inList) {
                sb.append(' ');
                map(sb, m, indent + 2);
            } else {
                sb.append('\n');
                pad(sb, indent + 2);
                map(sb, m, indent + 2);
            }
        } else if (v instanceof List<?> l && !l.isEmpty()) {
            if (inList) {
                sb.append(' ');
                list(sb, l, indent + 2);
            } else {
                sb.append('\n');
                pad(sb, indent);
                list(sb, l, indent);
            }
        } else {
            sb.append(' ');
            scalar(sb, v, indent + 2);
            sb.append('\n');
        }
    }

    private static void pad(StringBuilder sb, int n) {
        for (int i = 0; i < n; i++) {
            sb.append(' ');
        }
    }

    private static void key(StringBuilder sb, String k) {
        if (isBlockPlainSafe(k)) {
            sb.append(k);
        } else {
            YamlScalars.appendDoubleQuoted(sb, k);
        }
    }

    private static void scalar(StringBuilder sb, Object v, int blockIndent) {
        if (v instanceof String s) {
            if (isBlockPlainSafe(s)) {
                sb.append(s);
                return;
            }
            if (s.indexOf('\n') >= 0) {
                String block = YamlScalars.literalBlock(s, blockIndent);
                if (block != null) {
                    sb.append(block);
                    return;
                }
            }
            YamlScalars.appendDoubleQuoted(sb, s);
        } else if (v instanceof Map<?, ?>) {
            sb.append("{}");
        } else if (v instanceof List<?>) {
            sb.append("[]");
        } else if (v == null || v instanceof Boolean || v instanceof Long || v instanceof Integer
                || v instanceof BigInteger || v instanceof BigDecimal || v instanceof Double) {
            YamlScalars.appendInline(sb, v);
        } else {
            scalar(sb, String.valueOf(v), blockIndent);
        }
    }

    /**
     * True when {@code s} can stand unquoted as a block-context plain scalar (YAML 1.1 and 1.2 alike) and reads
     * back as the same string in every reader.
     */
    static boolean isBlockPlainSafe(String s) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        char first = s.charAt(0);
        if ("-?:,[]{}#&*!|>'\"%@` \t".indexOf(first) >= 0) {
            // "-x" and "?x" are plain in YAML 1.2 but not in every 1.1 reader; keep it simple
            return false;
        }
        char last = s.charAt(n - 1);
        if (last == ' ' || last == ':' || last == '\t') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == '\ufeff' || c == '\u2028' || c == '\u2029'
                    || Character.isSurrogate(c)) {
                return false;
            }
            if (c == ':' && i + 1 < n && (s.charAt(i + 1) == ' ' || s.charAt(i + 1) == '\t')) {
                return false;
            }
            if (c == '#' && (s.charAt(i - 1) == ' ' || s.charAt(i - 1) == '\t')) {
                return false;
            }
            if (c == ' ' && i + 1 < n && s.charAt(i + 1) == ' ') {
                // runs of spaces survive plain scalars, but quoting them is clearer
                return false;
            }
        }
        return !YamlSchema.isAmbiguous(s);
    }
}
