package dev.osk.render.template;

import dev.osk.render.Location;
import dev.osk.render.values.ValueOrigin;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects rendered text and remembers, for every output line, the template file and line that produced its
 * first character, so that errors in rendered YAML point back at the template, and, when the render tracks
 * where values were set, where the values written on the line were set. It also indents the lines of standalone
 * partials and tells value insertion what precedes it on the current line.
 */
public final class TrackingWriter extends Writer {
    private final StringBuilder out = new StringBuilder();
    private final List<Location> lineOrigins = new ArrayList<>();
    /** By output line (from 0): where the values written on it were set; only lines that have some. */
    private final Map<Integer, List<ValueOrigin>> lineValues = new HashMap<>();
    private final Deque<String> indents = new ArrayDeque<>();
    private String indent = "";
    private Location mark = Location.of("<unknown>");
    private boolean atLineStart = true;
    private int lineStart;
    private final YamlCursor cursor = new YamlCursor();
    /** How much of {@link #out} the cursor has read: complete lines only. */
    private int fed;
    private final RenderBounds bounds;

    private final boolean helperInput;

    /** A writer held to {@code bounds}, which every writer of one render shares. */
    public TrackingWriter(RenderBounds bounds) {
        this(bounds, false);
    }

    private TrackingWriter(RenderBounds bounds, boolean helperInput) {
        this.bounds = bounds;
        this.helperInput = helperInput;
    }

    /** A new writer for a section body (a helper's input), held to the same bounds. */
    TrackingWriter sibling() {
        return new TrackingWriter(bounds, true);
    }

    /** True for a helper's input: text the helper transforms, not YAML (a helper inside it writes its text). */
    boolean helperInput() {
        return helperInput;
    }

    /** A section or partial starts executing at {@code at}; see {@link RenderBounds#MAX_NESTING}. */
    void enter(Location at, String what) {
        bounds.enter(at, what);
    }

    void leave() {
        bounds.leave();
    }

    /** The template position of what is written next. */
    public void mark(Location location) {
        this.mark = location;
    }

    public void pushIndent(String extra) {
        indents.push(indent);
        indent = indent + extra;
    }

    public void popIndent() {
        indent = indents.pop();
    }

    /** Writes template text: each new non-empty line gets the current partial indentation. */
    @Override
    public void write(char[] cbuf, int off, int len) {
        bounds.write(len, mark);
        for (int i = off; i < off + len; i++) {
            put(cbuf[i], true);
        }
    }

    @Override
    public void write(String s) {
        bounds.write(s.length(), mark);
        for (int i = 0; i < s.length(); i++) {
            put(s.charAt(i), true);
        }
    }

    /** Writes a value: lines after the first are not indented again (a value carries its own indentation). */
    public void writeValue(String s) {
        writeValue(s, null);
    }

    /** {@link #writeValue(String)} of a value set at {@code origin}, which every line it is on remembers. */
    public void writeValue(String s, ValueOrigin origin) {
        if (s.isEmpty()) {
            if (origin != null && !atLineStart) {
                valueOnLine(origin);
            }
            return;
        }
        bounds.write(s.length(), mark);
        put(s.charAt(0), true);
        if (origin != null) {
            valueOnLine(origin);
        }
        int from = 1;
        int nl;
        while ((nl = s.indexOf('\n', from)) >= 0) {
            startValueLine(origin);
            out.append(s, from, nl + 1);
            atLineStart = true;
            from = nl + 1;
        }
        if (from < s.length()) {
            startValueLine(origin);
            out.append(s, from, s.length());
        }
    }

    /** A value's text goes on: a new output line starts here unless one has already. */
    private void startValueLine(ValueOrigin origin) {
        if (atLineStart) {
            lineOrigins.add(mark);
            lineStart = out.length();
            atLineStart = false;
            if (origin != null) {
                valueOnLine(origin);
            }
        }
    }

    /** The current output line holds a value set at {@code origin}. */
    private void valueOnLine(ValueOrigin origin) {
        List<ValueOrigin> on = lineValues.computeIfAbsent(lineOrigins.size() - 1, k -> new ArrayList<>(1));
        if (!on.contains(origin)) {
            on.add(origin);
        }
    }

    private void put(char c, boolean indentable) {
        if (atLineStart) {
            lineOrigins.add(mark);
            lineStart = out.length();
            atLineStart = false;
            if (indentable && c != '\n' && !indent.isEmpty()) {
                bounds.write(indent.length(), mark);
                out.append(indent);
            }
        }
        out.append(c);
        if (c == '\n') {
            atLineStart = true;
        }
    }

    /** What has been written on the current output line so far. */
    public String currentLine() {
        return atLineStart ? indent : out.substring(lineStart);
    }

    /** Where in the YAML written so far the next character goes. */
    YamlCursor.Place place() {
        int end = atLineStart ? out.length() : lineStart;
        while (fed < end) {
            int nl = out.indexOf("\n", fed);
            int lineEnd = nl < 0 || nl >= end ? end : nl;
            int textEnd = lineEnd > fed && out.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
            cursor.feedLine(out.subSequence(fed, textEnd));
            fed = lineEnd + 1;
        }
        return cursor.at(currentLine());
    }

    public String text() {
        return out.toString();
    }

    /** Where the values on each output line were set, by line (index 0 is line 1); only lines that hold some. */
    public Map<Integer, List<ValueOrigin>> lineValues() {
        return lineValues;
    }

    /** Template position of each output line (index 0 is line 1). */
    public List<Location> lineOrigins() {
        return lineOrigins;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
