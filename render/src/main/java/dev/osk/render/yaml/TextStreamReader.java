package dev.osk.render.yaml;

import java.io.StringReader;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

/**
 * SnakeYAML's reader over a text in memory, in linear time. SnakeYAML's own {@link StreamReader} copies its whole
 * unread window each time it reads another 1,023 characters, so a long scalar (a 10 MB value on one line) costs
 * the square of its length. This one reads the same chunks and checks them the same way (the same errors, at the
 * same moment, with the same positions) but appends them to one growing array, and keeps the read position in it.
 */
final class TextStreamReader extends StreamReader {
    private static final int CHUNK = 1024;

    private final String text;
    private final String name = "'reader'";
    private final char[] buffer = new char[CHUNK];
    private int textPos;
    private int[] data = new int[0];
    private int dataLength;
    private int pointer;
    private boolean eof;
    private int index;
    private int documentIndex;
    private int line;
    private int column;

    TextStreamReader(String text) {
        super(new StringReader(""));
        this.text = text;
    }

    @Override
    public Mark getMark() {
        return new Mark(name, index, line, column, data, pointer);
    }

    @Override
    public void forward() {
        forward(1);
    }

    @Override
    public void forward(int length) {
        for (int i = 0; i < length && ensureEnoughData(0); i++) {
            int c = data[pointer++];
            moveIndices(1);
            if (Constant.LINEBR.has(c) || (c == '\r' && ensureEnoughData(0) && data[pointer] != '\n')) {
                line++;
                column = 0;
            } else if (c != 0xFEFF) {
                column++;
            }
        }
    }

    @Override
    public int peek() {
        return ensureEnoughData(0) ? data[pointer] : 0;
    }

    @Override
    public int peek(int i) {
        return ensureEnoughData(i) ? data[pointer + i] : 0;
    }

    @Override
    public String prefix(int length) {
        if (length == 0) {
            return "";
        }
        if (ensureEnoughData(length)) {
            return new String(data, pointer, length);
        }
        return new String(data, pointer, Math.min(length, dataLength - pointer));
    }

    @Override
    public String prefixForward(int length) {
        String prefix = prefix(length);
        pointer += length;
        moveIndices(length);
        column += length;
        return prefix;
    }

    private boolean ensureEnoughData(int size) {
        if (!eof && pointer + size >= dataLength) {
            update();
        }
        return pointer + size < dataLength;
    }

    /** Reads the next chunk as SnakeYAML does: up to 1,023 characters, one more to finish a surrogate pair. */
    private void update() {
        int read = Math.min(CHUNK - 1, text.length() - textPos);
        if (read <= 0) {
            eof = true;
            return;
        }
        text.getChars(textPos, textPos + read, buffer, 0);
        textPos += read;
        if (Character.isHighSurrogate(buffer[read - 1])) {
            if (textPos >= text.length()) {
                throw new ReaderException(name, index + read, buffer[read - 1],
                        "The last char is HighSurrogate (no LowSurrogate detected).");
            }
            buffer[read] = text.charAt(textPos++);
            read++;
        }
        if (dataLength + read > data.length) {
            int[] grown = new int[Math.max(dataLength + read, data.length * 2)];
            System.arraycopy(data, 0, grown, 0, dataLength);
            data = grown;
        }
        int nonPrintable = ' ';
        int j = dataLength;
        for (int i = 0; i < read; j++) {
            int codePoint = Character.codePointAt(buffer, i);
            data[j] = codePoint;
            if (isPrintable(codePoint)) {
                i += Character.charCount(codePoint);
            } else {
                nonPrintable = codePoint;
                i = read;
            }
        }
        dataLength = j;
        if (nonPrintable != ' ') {
            // the position SnakeYAML gives: the offending code point's index in the text
            throw new ReaderException(name, index + (dataLength - pointer) - 1, nonPrintable,
                    "special characters are not allowed");
        }
    }

    private void moveIndices(int length) {
        index += length;
        documentIndex += length;
    }

    @Override
    public int getColumn() {
        return column;
    }

    @Override
    public int getDocumentIndex() {
        return documentIndex;
    }

    @Override
    public void resetDocumentIndex() {
        documentIndex = 0;
    }

    @Override
    public int getIndex() {
        return index;
    }

    @Override
    public int getLine() {
        return line;
    }
}
