package dev.osk.render.template;

import dev.osk.render.ControlCharacters;
import dev.osk.render.Location;
import dev.osk.render.OskException;
import dev.osk.render.yaml.YamlScalars;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How {@code {{name}}} writes a value at a place in the YAML ({@link YamlCursor.Place}) so that the document,
 * read back, holds exactly the value: a value that is a whole node is written as YAML (quoted as needed, flow
 * maps and lists, literal blocks); a value inside a quoted scalar is escaped for those quotes; a value inside a
 * plain scalar or a block scalar goes in as text. Where no text can hold the value exactly (a quote that would
 * end a plain scalar's meaning, a line break inside single quotes, a control character in a plain scalar), the
 * insertion is an error at the tag, never YAML that reads as something else.
 */
final class YamlInsertion {
    private static final Pattern BLOCK_PREFIX = Pattern.compile("^( *)((?:- +)*)(?:[^\\s#\\-\"'{\\[][^#]*?: +)?$");
    private static final Pattern SUFFIX_BLANK = Pattern.compile("[ \\t]*\\r?\\n?");

    /** The longest implicit key YAML readers accept. */
    private static final int MAX_KEY = 1024;

    private final String name;
    private final Location location;

    YamlInsertion(String name, Location location) {
        this.name = name;
        this.location = location;
    }

    /**
     * The text that writes {@code value} at {@code place}.
     *
     * @param line the output line so far
     * @param suffix the template text after the tag up to its line end, or null when another tag follows it
     */
    String text(Object value, YamlCursor.Place place, String line, String suffix) {
        return switch (place.kind()) {
            case NODE -> node(value, place, line, suffix);
            case PLAIN -> plain(ValueText.of(value), place, suffix);
            case SINGLE_QUOTED -> singleQuoted(ValueText.of(value), place, suffix);
            case DOUBLE_QUOTED -> doubleQuoted(ValueText.of(value));
            case DOUBLE_QUOTED_ESCAPE -> throw error("cannot go right after a backslash in a double-quoted scalar");
            case BLOCK_SCALAR -> blockScalar(ValueText.of(value), place);
            case COMMENT -> ControlCharacters.escape(ValueText.of(value));
            case NOWHERE -> throw error("cannot go right after " + place.what()
                    + "; put a space or an indicator between them");
        };
    }

    private OskException error(String why) {
        return new OskException(location, "value of '" + name + "' " + why);
    }

    /** Where a node may start: the whole node when the tag stands alone, else the start of a plain scalar. */
    private String node(Object value, YamlCursor.Place place, String line, String suffix) {
        Ending ending = ending(suffix, place.flow());
        if (ending == Ending.KEY) {
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                throw error("is a " + (value instanceof Map<?, ?> ? "map" : "list") + " and cannot be a key");
            }
            String key = YamlScalars.inline(value);
            if (key.length() > MAX_KEY) {
                throw error("is too long for a mapping key (YAML allows " + MAX_KEY + " characters)");
            }
            return key;
        }
        if (ending == Ending.NONE) {
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                throw error("is a " + (value instanceof Map<?, ?> ? "map" : "list")
                        + " and cannot be part of a larger scalar; give it a place of its own ('key: {{" + name
                        + "}}')");
            }
            return plain(ValueText.of(value), place, suffix);
        }
        if (value instanceof String s && s.indexOf('\n') >= 0 && !place.flow() && suffix != null
                && SUFFIX_BLANK.matcher(suffix).matches()) {
            Matcher m = BLOCK_PREFIX.matcher(line);
            if (!line.isBlank() && (line.endsWith(": ") || line.endsWith("- ")) && m.matches()) {
                int keyCol = m.group(1).length() + m.group(2).length();
                boolean hasKey = line.trim().endsWith(":");
                int indent = hasKey ? keyCol + 2 : keyCol;
                String block = YamlScalars.literalBlock(s, Math.max(indent, 1));
                if (block != null) {
                    return block;
                }
            }
        }
        return YamlScalars.inline(value);
    }

    private enum Ending {
        /** the node ends with the tag: line end, comment, or a flow indicator that ends it */
        VALUE,
        /** the node is a mapping key: ':' and a space or the line end follow */
        KEY,
        /** text follows: the value starts a larger scalar */
        NONE
    }

    private static Ending ending(String suffix, boolean flow) {
        if (suffix == null) {
            return Ending.NONE;
        }
        if (suffix.startsWith(":") && (suffix.length() == 1 || " \t\r\n".indexOf(suffix.charAt(1)) >= 0
                || (flow && ",]}".indexOf(suffix.charAt(1)) >= 0))) {
            return Ending.KEY;
        }
        int i = 0;
        while (i < suffix.length() && (suffix.charAt(i) == ' ' || suffix.charAt(i) == '\t')) {
            i++;
        }
        if (i == suffix.length() || suffix.charAt(i) == '\n' || suffix.charAt(i) == '\r') {
            return Ending.VALUE;
        }
        char c = suffix.charAt(i);
        if (c == '#' && i > 0) {
            return Ending.VALUE;
        }
        if (flow && (c == ',' || c == ']' || c == '}')) {
            return Ending.VALUE;
        }
        if (i > 0 && c == ':' && (i + 1 == suffix.length() || " \t\r\n".indexOf(suffix.charAt(i + 1)) >= 0)) {
            return Ending.KEY;
        }
        return Ending.NONE;
    }

    /** The character after position {@code i} of {@code s}: from {@code s}, then the suffix; 0 when unknown. */
    private static char after(String s, int i, String suffix) {
        if (i + 1 < s.length()) {
            return s.charAt(i + 1);
        }
        if (suffix == null) {
            return 0;
        }
        return suffix.isEmpty() ? '\n' : suffix.charAt(0);
    }

    private static boolean blankOrEnd(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0;
    }

    /** Text inside (or starting) a plain scalar: it must read back as itself and end nothing. */
    private String plain(String s, YamlCursor.Place place, String suffix) {
        String hint = "; quote the scalar in the template (\"...{{" + name + "}}...\") or give the value a place of"
                + " its own";
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '\t' && ControlCharacters.isControl(s, i)) {
                throw error("holds " + (isBreak(s.charAt(i)) ? "a line break" : "a control character")
                        + " ('" + ControlCharacters.escape(String.valueOf(s.charAt(i)))
                        + "') and is inserted inside a plain scalar" + hint);
            }
        }
        if (s.isEmpty()) {
            return s;
        }
        boolean flow = place.flow();
        char first = s.charAt(0);
        if (place.plainLength() == 0) {
            if (first == ' ' || first == '\t') {
                throw error("starts with a space where a plain scalar starts, and would lose it" + hint);
            }
            if (",[]{}#&*!|>'\"%@`".indexOf(first) >= 0) {
                throw error("starts with '" + first + "' where a plain scalar starts, which YAML reads as an"
                        + " indicator" + hint);
            }
            char second = after(s, 0, suffix);
            if ("-?:".indexOf(first) >= 0 && (blankOrEnd(second) || (flow && ",[]{}".indexOf(second) >= 0))) {
                throw error("starts with '" + first + "' and a space where a plain scalar starts, which YAML reads"
                        + " as an indicator" + hint);
            }
            if (place.column() == 0 && (s.startsWith("---") || s.startsWith("..."))
                    && blankOrEnd(after(s, 2, suffix))) {
                throw error("starts a line with a document marker ('" + s.substring(0, 3) + "')" + hint);
            }
        } else if ((first == ' ' || first == '\t') && "-?:".indexOf(place.previous()) >= 0
                && place.plainLength() == 1) {
            throw error("starts with a space right after '" + place.previous() + "', which YAML reads as an"
                    + " indicator" + hint);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char before = i > 0 ? s.charAt(i - 1) : place.previous();
            if (c == ':' && (blankOrEnd(after(s, i, suffix)) || (flow && ",[]{}".indexOf(after(s, i, suffix)) >= 0))) {
                throw error("holds ': ' (or ends with ':'), which would start a mapping value inside a plain"
                        + " scalar" + hint);
            }
            if (c == '#' && (before == ' ' || before == '\t')) {
                throw error("holds ' #', which would start a comment inside a plain scalar" + hint);
            }
            if (c == ':' && i == 0 && place.plainLength() > 0 && blankOrEnd(after(s, i, suffix))) {
                throw error("holds ': ', which would start a mapping value inside a plain scalar" + hint);
            }
            if ((c == ' ' || c == '\t') && before == ':' && i == 0) {
                throw error("starts with a space right after ':', which would start a mapping value" + hint);
            }
            if (flow && ",?[]{}".indexOf(c) >= 0) {
                throw error("holds '" + c + "', which ends a plain scalar inside a flow collection" + hint);
            }
        }
        char last = s.charAt(s.length() - 1);
        Ending ending = ending(suffix, flow);
        if (last == ' ' || last == '\t') {
            char next = firstVisible(suffix);
            if (next == 0 || next == '#' || ending == Ending.KEY || (flow && ",?]}".indexOf(next) >= 0)) {
                throw error("ends with a space where the plain scalar ends, and would lose it" + hint);
            }
        }
        if (ending == Ending.KEY && place.plainLength() + s.length() > MAX_KEY) {
            throw error("is too long for a mapping key (YAML allows " + MAX_KEY + " characters)");
        }
        if (suffix != null && suffix.startsWith("#") && (last == ' ' || last == '\t')) {
            throw error("ends with a space before '#', which would start a comment" + hint);
        }
        return s;
    }

    /** The first character of {@code suffix} that is not a space or tab; 0 at the line end or when unknown. */
    private static char firstVisible(String suffix) {
        if (suffix == null) {
            return 0;
        }
        for (int i = 0; i < suffix.length(); i++) {
            char c = suffix.charAt(i);
            if (c == '\n' || c == '\r') {
                return 0;
            }
            if (c != ' ' && c != '\t') {
                return c;
            }
        }
        return 0;
    }

    private static boolean isBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    private String singleQuoted(String s, YamlCursor.Place place, String suffix) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '\t' && ControlCharacters.isControl(s, i)) {
                throw error("holds " + (isBreak(s.charAt(i)) ? "a line break" : "a control character")
                        + " ('" + ControlCharacters.escape(String.valueOf(s.charAt(i)))
                        + "') and cannot go inside a single-quoted scalar; use double quotes in the template");
            }
        }
        if (!s.isEmpty()) {
            char first = s.charAt(0);
            char last = s.charAt(s.length() - 1);
            if (place.lineBlank() && (first == ' ' || first == '\t')) {
                throw error("starts with a space at the start of a line of a single-quoted scalar, and would"
                        + " lose it; use double quotes in the template");
            }
            if ((last == ' ' || last == '\t') && suffix != null
                    && (suffix.isEmpty() || suffix.charAt(0) == '\n' || suffix.charAt(0) == '\r')) {
                throw error("ends with a space at the end of a line of a single-quoted scalar, and would lose it;"
                        + " use double quotes in the template");
            }
        }
        return s.replace("'", "''");
    }

    /** Escaped for double quotes; spaces at either end escaped too, so line folding can never take them. */
    private static String doubleQuoted(String s) {
        String q = YamlScalars.doubleQuoted(s);
        String inner = q.substring(1, q.length() - 1);
        int start = 0;
        while (start < inner.length() && inner.charAt(start) == ' ') {
            start++;
        }
        int end = inner.length();
        while (end > start && inner.charAt(end - 1) == ' ') {
            end--;
        }
        return "\\x20".repeat(start) + inner.substring(start, end) + "\\x20".repeat(inner.length() - end);
    }

    /** Text in a block scalar's content: each line break continues at the content indentation. */
    private String blockScalar(String s, YamlCursor.Place place) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\t' && c != '\n' && ControlCharacters.isControl(s, i)) {
                throw error("holds " + (isBreak(c) ? "a line break" : "a control character") + " ('"
                        + ControlCharacters.escape(String.valueOf(c)) + "') that a block scalar cannot hold");
            }
        }
        if (s.isEmpty()) {
            return s;
        }
        if (place.lineBlank() && (s.charAt(0) == ' ' || s.charAt(0) == '\t')
                && (place.blockIndent() < 0 || place.folded())) {
            throw error("starts with a space at the start of a line of a " + (place.folded() ? "folded" : "literal")
                    + " block scalar, which would change its indentation");
        }
        if (s.indexOf('\n') < 0) {
            return s;
        }
        if (place.folded()) {
            throw error("spans several lines and cannot go inside a folded block scalar (>); use a literal one (|)");
        }
        int indent = place.blockIndent() >= 0 ? place.blockIndent() : place.column();
        return s.replace("\n", "\n" + " ".repeat(indent));
    }
}
