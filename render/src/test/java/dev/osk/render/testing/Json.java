package dev.osk.render.testing;

import java.util.List;

/** JSON text for test inputs, and the tricky strings YAML-safe insertion must survive. */
public final class Json {
    private Json() {
    }

    /**
     * A JSON string literal for {@code s}: control characters (C0, DEL, C1) and U+2028/U+2029 escaped as
     * {@code \\uXXXX}.
     */
    public static String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Strings that a careless YAML writer would mistype, misparse or mangle. */
    public static List<String> trickyStrings() {
        return List.of("yes", "no", "on", "off", "y", "n", "Y", "N", "YES", "On", "true", "False", "null", "Null",
                "~", "0755", "0x1F", "0o17", "0b101", "1e3", "1E3", "1.10", "1.0", ".5", "-1", "+1", "1_000",
                "12:30", "1:30:00", "2024-01-01", ".inf", ".NaN", "<<", "=", ": x", "a: b", "a:b", "#x", "x #y",
                "x#y", "*x", "&x", "!x", "!!str x", "@x", "%x", "`x", "|x", ">x", "?x", "? x", "-", "--", "---",
                "...", "- x", "-x", "[x]", "{x}", "x, y", "x]", "{{x}}", "{{> p}}", "{{#x}}y{{/x}}", "", " ",
                " lead", "trail ", "in  ner", "multi\nline", "multi\nline\n", "multi\nline\n\n", "\nlead newline",
                " lead\nspace", "a\n  indented\nb", "line\n# not a comment", "a\r\nb", "a\rb",
                "a\n  \nb", "trailing \nspaces ", "a\n\n\nb", "x\n\ttab-led", "a\n- b", "a\n---\nb",
                "a\n...\nb", "last line spaces\n   ", "\n", "\n\n", "tab\there", "\ttab", "tab\t",
                "quote ' single", "quote \" double", "'single'", "\"double\"", "back\\slash", "\\n literal",
                "ünïcödé ✓ 日本語 😀", "\u00a0nbsp", "bell\u0007", "nul\u0000", "del\u007f", "line\u2028sep",
                "<a href=\"x\">&amp;</a>", "%YAML 1.2", "C:\\path", "http://x.y/z?a=b&c=d#frag",
                "lorem ipsum dolor sit amet, ".repeat(400));
    }
}
