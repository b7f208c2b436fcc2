package dev.osk.render;

/**
 * A place in an input: a file (or a pseudo-source such as {@code --set}), a 1-based line and column.
 * Line or column 0 means unknown.
 */
public record Location(String file, int line, int column) {

    public static Location of(String file) {
        return new Location(file, 0, 0);
    }

    public static Location of(String file, int line) {
        return new Location(file, line, 0);
    }

    public Location withColumn(int col) {
        return new Location(file, line, col);
    }

    /**
     * {@code file:line:col}, dropping the parts that are unknown; control characters in the file name are escaped
     * ({@link ControlCharacters}), so a location is always one line of visible text.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(ControlCharacters.escape(file));
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.toString();
    }
}
