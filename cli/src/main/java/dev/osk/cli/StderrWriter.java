package dev.osk.cli;

import dev.osk.render.ControlCharacters;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * osk's standard error: every control character that comes from an input (a terminal escape sequence in a file
 * name, a value or kubectl's output, a carriage return, a bidirectional override) is written as a visible escape
 * ({@code \u001b}), never raw; only tabs and line ends stay as they are. {@link #println(String)} writes its text
 * as exactly one line, escaping line breaks inside it too.
 */
final class StderrWriter extends PrintWriter {

    StderrWriter(Writer err) {
        super(err, true);
    }

    /** One message, one line: line breaks inside {@code line} are escaped like every other control character. */
    @Override
    public void println(String line) {
        super.println(ControlCharacters.escape(line == null ? "null" : line, "\t"));
    }

    @Override
    public void println(Object x) {
        println(String.valueOf(x));
    }

    @Override
    public void write(String s, int off, int len) {
        String escaped = escapeKeepingLineEnds(s.substring(off, off + len));
        super.write(escaped, 0, escaped.length());
    }

    @Override
    public void write(char[] buf, int off, int len) {
        write(new String(buf, off, len), 0, len);
    }

    @Override
    public void write(int c) {
        write(String.valueOf((char) c), 0, 1);
    }

    private static String escapeKeepingLineEnds(String s) {
        if (!ControlCharacters.any(s)) {
            return s;
        }
        return ControlCharacters.escape(s, "\n\t");
    }
}
