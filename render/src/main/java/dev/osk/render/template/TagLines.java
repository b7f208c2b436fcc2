package dev.osk.render.template;

/**
 * Puts every tag that spans lines (a multi-line comment {@code {{! ...}}}, mostly) on one line, before
 * mustache.java parses the template. Its parser does not count the line breaks inside a tag, so every line after
 * such a tag would be numbered too low, and osk, which finds standalone tag lines and error positions by line
 * number, would drop the wrong lines' whitespace (joining lines) and report errors on the wrong lines.
 *
 * <p>A tag holding {@code k} line breaks is written with spaces instead, and {@code k} lines holding only an empty
 * comment are put before the line it starts on. Those lines are standalone and leave nothing in the output, the
 * template keeps its line count and every line after the tag keeps its number. So a standalone multi-line comment
 * leaves no line at all, as the Mustache spec says ("Multiline Standalone", "Indented Multiline Standalone"), and
 * text around a multi-line comment that shares its lines is joined, as the spec's "Multiline" case has it.
 * Delimiter changes ({@code {{=<% %>=}}}) are followed as {@link TemplateOutline} follows them.
 */
final class TagLines {
    private TagLines() {
    }

    static String flatten(String text) {
        if (text.indexOf('\n') < 0) {
            return text;
        }
        String sm = "{{";
        String em = "}}";
        // the delimiters in effect where the current line starts, for the empty comments put before it
        String lineSm = sm;
        String lineEm = em;
        StringBuilder out = null;
        int i = 0;
        while (true) {
            int open = text.indexOf(sm, i);
            int end = open < 0 ? -1 : tagEnd(text, open, sm, em);
            if (end < 0) {
                if (out == null) {
                    return text;
                }
                return out.append(text, i, text.length()).toString();
            }
            String between = text.substring(i, open);
            String tag = text.substring(open, end);
            int breaks = (int) tag.chars().filter(c -> c == '\n').count();
            if (breaks > 0 && out == null) {
                out = new StringBuilder(text.length() + 16 * breaks).append(text, 0, i);
            }
            if (out != null) {
                out.append(between);
            }
            if (between.indexOf('\n') >= 0) {
                lineSm = sm;
                lineEm = em;
            }
            if (breaks > 0) {
                out.insert(out.lastIndexOf("\n") + 1, (lineSm + "!" + lineEm + "\n").repeat(breaks));
                out.append(tag.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' '));
            } else if (out != null) {
                out.append(tag);
            }
            String command = tag.substring(sm.length(), tag.length() - em.length());
            if (command.startsWith("=") && command.endsWith("=")) {
                String[] parts = command.substring(1, command.length() - 1).trim().split("\\s+");
                if (parts.length == 2) {
                    sm = parts[0];
                    em = parts[1];
                }
            }
            i = end;
        }
    }

    /** Where the tag opened at {@code open} ends, past its closing delimiter; -1 when it is never closed. */
    private static int tagEnd(String text, int open, String sm, String em) {
        int p = open + sm.length();
        int from = p;
        if (p < text.length() && text.charAt(p) == '=') {
            int eq = text.indexOf('=', p + 1);
            if (eq < 0) {
                return -1;
            }
            from = eq + 1;
        }
        int close = text.indexOf(em, from);
        if (close < 0) {
            return -1;
        }
        int end = close + em.length();
        if (p < text.length() && text.charAt(p) == '{' && em.equals("}}") && end < text.length()
                && text.charAt(end) == '}') {
            end++;
        }
        return end;
    }
}
