package dev.osk.render;

/**
 * The characters that must never reach a terminal, a comment, a file name or a report raw: C0 controls, DEL, C1
 * controls, the Unicode line and paragraph separators, the byte-order mark, the bidirectional embedding, override
 * and isolate controls (which reorder what a terminal shows), and unpaired surrogates. {@link #escape} writes
 * them as visible escapes ({@code \n}, {@code \r}, {@code \t}, {@code \u001b}), so that text from an input stays on
 * one line and shows what it holds.
 */
public final class ControlCharacters {
    private ControlCharacters() {
    }

    /** Whether the character at {@code i} of {@code s} is one of these characters. */
    public static boolean isControl(String s, int i) {
        char c = s.charAt(i);
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return true;
        }
        if (c == '\u2028' || c == '\u2029' || c == '\ufeff' || c == '\u200e' || c == '\u200f'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')) {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }

    /** Whether {@code s} holds any of these characters. */
    public static boolean any(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isControl(s, i)) {
                return true;
            }
        }
        return false;
    }

    /** {@code s} with every one of these characters escaped; other text, backslashes included, is unchanged. */
    public static String escape(String s) {
        return escape(s, "");
    }

    /** {@code s} with every one of these characters escaped except those in {@code keep}. */
    public static String escape(String s, String keep) {
        if (!any(s)) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isControl(s, i) || keep.indexOf(c) >= 0) {
                sb.append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }
}
