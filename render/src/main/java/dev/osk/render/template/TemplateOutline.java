package dev.osk.render.template;

import dev.osk.render.Location;
import dev.osk.render.OskException;

/**
 * A look at a template's tags before mustache.java compiles it, for what its parser lets through: a tag that is
 * never closed ({@code {{!} with no {@code }}} after it, which would silently drop the rest of the template), and
 * sections nested so deeply that compiling them would exhaust the stack. Delimiter changes
 * ({@code {{=<% %>=}}}) are followed as the parser follows them.
 */
final class TemplateOutline {
    /** The most sections ({@code {{#x}}}, {@code {{^x}}}) one template may open inside each other. */
    static final int MAX_SECTION_DEPTH = 100;

    private TemplateOutline() {
    }

    static void check(String text, String shown) {
        String sm = "{{";
        String em = "}}";
        int depth = 0;
        int i = 0;
        while (true) {
            int open = text.indexOf(sm, i);
            if (open < 0) {
                return;
            }
            int p = open + sm.length();
            int from = p;
            boolean delimiter = p < text.length() && text.charAt(p) == '=';
            if (delimiter) {
                int eq = text.indexOf('=', p + 1);
                if (eq < 0) {
                    throw unclosed(text, open, sm, em, shown);
                }
                from = eq + 1;
            }
            int close = text.indexOf(em, from);
            if (close < 0) {
                throw unclosed(text, open, sm, em, shown);
            }
            String command = delimiter ? text.substring(p, from - 1) + text.substring(from, close)
                    : text.substring(p, close);
            i = close + em.length();
            char ch = command.isEmpty() ? 0 : command.charAt(0);
            switch (ch) {
                case '#', '^', '<', '?', '$' -> {
                    if (++depth > MAX_SECTION_DEPTH) {
                        throw new OskException(at(text, open, shown), "sections nest more than " + MAX_SECTION_DEPTH
                                + " deep in one template, the most osk compiles");
                    }
                }
                case '/' -> depth = Math.max(0, depth - 1);
                case '=' -> {
                    String[] parts = command.substring(1).trim().split("\\s+");
                    if (parts.length != 2) {
                        return; // the parser reports an invalid delimiter string
                    }
                    sm = parts[0];
                    em = parts[1];
                }
                case '{' -> {
                    if (em.equals("}}") && i < text.length() && text.charAt(i) == '}') {
                        i++;
                    }
                }
                default -> {
                }
            }
        }
    }

    private static OskException unclosed(String text, int open, String sm, String em, String shown) {
        String tag = text.substring(open, Math.min(text.length(), open + sm.length() + 1)).strip();
        return new OskException(at(text, open, shown), "tag '" + tag + "' is never closed (no '" + em
                + "' after it), so the rest of the template would be lost");
    }

    private static Location at(String text, int offset, String shown) {
        int line = 1;
        int lineStart = 0;
        for (int k = text.indexOf('\n'); k >= 0 && k < offset; k = text.indexOf('\n', k + 1)) {
            line++;
            lineStart = k + 1;
        }
        return new Location(shown, line, offset - lineStart + 1);
    }
}
