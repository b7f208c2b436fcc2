package dev.osk.render.template;

/**
 * Follows the YAML a template writes, line by line, to tell value insertion where the next character goes: where
 * a node may start (block or flow), inside a plain scalar, inside a single- or double-quoted scalar, inside a
 * block scalar's content, in a comment, or right after a node (where a value cannot go). It reads only as much
 * YAML as that takes: indicators, quotes, flow brackets, comments, block scalar headers and indentation; it is
 * not a parser, and text it cannot place is left to the YAML reader, which reports it at the template line.
 *
 * <p>State carried from one line to the next: the flow depth, an open quoted scalar, a plain scalar that may go
 * on on the next line, and an open block scalar. {@link #feedLine} takes complete lines; {@link #at} looks at the
 * start of a line without changing anything.
 */
final class YamlCursor {

    /** What kind of place the next character goes to. */
    enum Kind {
        /** where a node may start: after {@code key: }, {@code - }, {@code [}, {@code ,} in flow, at a line start */
        NODE,
        /** inside a plain scalar that already holds text, or glued to an indicator character */
        PLAIN,
        SINGLE_QUOTED,
        DOUBLE_QUOTED,
        /** inside a double-quoted scalar, right after a backslash */
        DOUBLE_QUOTED_ESCAPE,
        /** a block scalar's content line */
        BLOCK_SCALAR,
        COMMENT,
        /** right after a quoted scalar, an alias or a flow collection, or inside a tag, an anchor or a header */
        NOWHERE
    }

    /**
     * A place in the YAML being written.
     *
     * @param flow inside a flow collection ({@code [...]}, {@code {...}})
     * @param plainLength for {@link Kind#PLAIN}: how many characters of the scalar precede on this line (0 when
     *        the next character starts the scalar, or starts a continuation line of it)
     * @param previous the character before the place on its line, or 0 at the start of the line
     * @param column the place's column (0-based)
     * @param lineBlank nothing but spaces precedes the place on its line
     * @param blockIndent for {@link Kind#BLOCK_SCALAR}: the content indentation, or -1 when this line sets it
     * @param folded for {@link Kind#BLOCK_SCALAR}: a folded ({@code >}) rather than literal ({@code |}) scalar
     * @param what for {@link Kind#NOWHERE}: what the place follows or is part of
     */
    record Place(Kind kind, boolean flow, int plainLength, char previous, int column, boolean lineBlank,
            int blockIndent, boolean folded, String what) {
    }

    // carried from line to line
    private int flow;
    private char quote;
    private boolean plainOpen;
    private int plainParent;
    private boolean block;
    private int blockParent;
    private int blockIndent;
    private boolean folded;

    /** Takes one complete line of output, without its line break. */
    void feedLine(CharSequence line) {
        scan(line, true);
    }

    /** The place after {@code partial}, the text written so far on the current line. */
    Place at(CharSequence partial) {
        YamlCursor copy = copy();
        return copy.scan(partial, false);
    }

    private YamlCursor copy() {
        YamlCursor c = new YamlCursor();
        c.flow = flow;
        c.quote = quote;
        c.plainOpen = plainOpen;
        c.plainParent = plainParent;
        c.block = block;
        c.blockParent = blockParent;
        c.blockIndent = blockIndent;
        c.folded = folded;
        return c;
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean flowIndicator(char c) {
        return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
    }

    /**
     * Scans one line; a complete line also updates what carries to the next line. For a partial line, returns
     * the place after it (null for a complete line).
     */
    private Place scan(CharSequence line, boolean complete) {
        int n = line.length();
        int i = 0;
        while (i < n && line.charAt(i) == ' ') {
            i++;
        }
        boolean allSpaces = i == n;
        if (block) {
            if (allSpaces) {
                if (complete) {
                    return null;
                }
                boolean content = blockIndent >= 0 ? i >= blockIndent : i > blockParent;
                if (content) {
                    return new Place(Kind.BLOCK_SCALAR, false, 0, n == 0 ? 0 : ' ', i, true, blockIndent, folded,
                            null);
                }
                // less indented: the block scalar ends where the next node starts
                return new Place(Kind.NODE, false, 0, n == 0 ? 0 : ' ', i, true, -1, false, null);
            }
            if (i > blockParent) {
                if (blockIndent < 0) {
                    blockIndent = i;
                }
                return complete ? null : new Place(Kind.BLOCK_SCALAR, false, 0, line.charAt(n - 1), n, false,
                        blockIndent, folded, null);
            }
            block = false;
        }
        if (i == 0 && n >= 3 && (startsWith(line, "---") || startsWith(line, "..."))
                && (n == 3 || blank(line.charAt(3)))) {
            flow = 0;
            quote = 0;
            plainOpen = false;
            i = 3;
        }
        // per-line state
        boolean nodeStart = quote == 0;
        boolean plain = false;
        boolean continuation = false;
        int plainLength = 0;
        boolean comment = false;
        boolean afterNode = false;
        boolean escape = false;
        String nowhere = null; // "a tag", "an anchor", "an alias", "a block scalar header"
        boolean header = false;
        int headerParent = -1;
        int headerIndent = -1;
        boolean headerFolded = false;
        int recordCol = -1;
        int tokenCol = -1;
        if (quote == 0 && plainOpen) {
            if (i < n && (flow > 0 || i > plainParent) && line.charAt(i) != '#'
                    && !(flow > 0 && flowIndicator(line.charAt(i)))) {
                plain = true;
                continuation = true;
                nodeStart = false;
            } else if (i == n && !complete && (flow > 0 || i > plainParent)) {
                return new Place(Kind.PLAIN, flow > 0, 0, n == 0 ? 0 : ' ', i, true, -1, false, null);
            }
        }
        plainOpen = false;
        for (; i < n; i++) {
            char c = line.charAt(i);
            char next = i + 1 < n ? line.charAt(i + 1) : (complete ? '\n' : 0);
            if (comment) {
                break;
            }
            if (quote == '"') {
                if (escape) {
                    escape = false;
                } else if (c == '\\') {
                    escape = true;
                } else if (c == '"') {
                    quote = 0;
                    afterNode = true;
                }
                continue;
            }
            if (quote == '\'') {
                if (c == '\'') {
                    if (next == '\'') {
                        i++;
                    } else if (next == 0) {
                        return nowhere(n, line, "a single-quoted scalar (or its '' escape)", flow);
                    } else {
                        quote = 0;
                        afterNode = true;
                    }
                }
                continue;
            }
            if (header) {
                if (c == '#' && blank(line.charAt(i - 1))) {
                    comment = true;
                } else if (c >= '1' && c <= '9') {
                    headerIndent = c - '0';
                }
                continue;
            }
            if (nowhere != null) {
                if (blank(c)) {
                    boolean alias = nowhere.equals("an alias");
                    nowhere = null;
                    nodeStart = !alias;
                    afterNode = alias;
                    continue;
                }
                if (flow > 0 && flowIndicator(c)) {
                    nowhere = null;
                    afterNode = true;
                } else {
                    continue;
                }
            }
            if (blank(c)) {
                continue;
            }
            if (c == '#' && (i == 0 || blank(line.charAt(i - 1)))) {
                comment = true;
                plain = false;
                continue;
            }
            if (plain) {
                if (c == ':' && (blank(next) || next == '\n' || (flow > 0 && flowIndicator(next)))) {
                    plain = false;
                    continuation = false;
                    nodeStart = true;
                    if (flow == 0) {
                        recordCol = tokenCol;
                    }
                    continue;
                }
                if (!(flow > 0 && (flowIndicator(c) || c == '?'))) {
                    plainLength++;
                    continue;
                }
                plain = false;
                continuation = false;
                afterNode = false;
                nodeStart = false;
            }
            if (afterNode) {
                afterNode = false;
                if (c == ':') {
                    nodeStart = true;
                    if (flow == 0) {
                        recordCol = tokenCol;
                    }
                    continue;
                }
            }
            if (flow > 0 && c == ',') {
                nodeStart = true;
                continue;
            }
            if (flow > 0 && (c == ']' || c == '}')) {
                flow--;
                afterNode = true;
                nodeStart = false;
                continue;
            }
            if (c == '[' || c == '{') {
                if (flow == 0) {
                    tokenCol = i;
                }
                flow++;
                nodeStart = true;
                continue;
            }
            if (c == '"' || c == '\'') {
                if (flow == 0 && nodeStart) {
                    tokenCol = i;
                }
                quote = c;
                nodeStart = false;
                continue;
            }
            if ((c == '-' || c == '?' || c == ':') && (nodeStart || c == ':')) {
                if (blank(next) || next == '\n') {
                    if (c == '-' && flow == 0) {
                        recordCol = i;
                    }
                    nodeStart = true;
                    continue;
                }
                if (next == 0) {
                    // the value decides whether this is an indicator or the start of a plain scalar
                    return new Place(Kind.PLAIN, flow > 0, 1, c, n, false, -1, false, null);
                }
            }
            if (nodeStart && flow == 0 && (c == '|' || c == '>')) {
                header = true;
                headerParent = recordCol;
                headerFolded = c == '>';
                continue;
            }
            if (nodeStart && (c == '!' || c == '&' || c == '*')) {
                nowhere = c == '!' ? "a tag" : c == '&' ? "an anchor" : "an alias";
                continue;
            }
            // the start of a plain scalar
            if (flow == 0 && nodeStart) {
                tokenCol = i;
            }
            plain = true;
            plainLength = 1;
            nodeStart = false;
        }
        if (complete) {
            if (quote == '"') {
                escape = false;
            }
            if (header) {
                block = true;
                blockParent = headerParent;
                blockIndent = headerIndent > 0 ? Math.max(headerParent, 0) + headerIndent : -1;
                folded = headerFolded;
            } else if (plain && quote == 0) {
                plainOpen = true;
                plainParent = flow > 0 ? -1 : recordCol;
            }
            return null;
        }
        char previous = n == 0 ? 0 : line.charAt(n - 1);
        boolean lineBlank = allSpaces;
        if (comment) {
            return new Place(Kind.COMMENT, flow > 0, 0, previous, n, lineBlank, -1, false, null);
        }
        if (quote == '"') {
            return new Place(escape ? Kind.DOUBLE_QUOTED_ESCAPE : Kind.DOUBLE_QUOTED, flow > 0, 0, previous, n,
                    lineBlank, -1, false, null);
        }
        if (quote == '\'') {
            return new Place(Kind.SINGLE_QUOTED, flow > 0, 0, previous, n, lineBlank, -1, false, null);
        }
        if (header) {
            return nowhere(n, line, "a block scalar header", flow);
        }
        if (nowhere != null) {
            return nowhere(n, line, nowhere, flow);
        }
        if (plain) {
            return new Place(Kind.PLAIN, flow > 0, continuation && plainLength == 0 ? 0 : Math.max(plainLength, 1),
                    previous, n, lineBlank, -1, false, null);
        }
        if (afterNode) {
            return nowhere(n, line, "a quoted scalar, an alias or a flow collection", flow);
        }
        return new Place(Kind.NODE, flow > 0, 0, previous, n, lineBlank, -1, false, null);
    }

    private static Place nowhere(int n, CharSequence line, String what, int flow) {
        return new Place(Kind.NOWHERE, flow > 0, 0, n == 0 ? 0 : line.charAt(n - 1), n, false, -1, false, what);
    }

    private static boolean startsWith(CharSequence s, String prefix) {
        return s.length() >= prefix.length() && s.subSequence(0, prefix.length()).toString().equals(prefix);
    }
}
