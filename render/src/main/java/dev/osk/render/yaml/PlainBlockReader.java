package dev.osk.render.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A fast reader for the plain block YAML that templates render: ASCII text of block mappings and sequences with
 * simple keys, one-line plain or quoted scalars, literal block scalars ({@code |}, {@code |-}) and one-line flow
 * sequences of simple items. It reads such text to exactly the values SnakeYAML's composer and osk's conversion
 * give, many times faster. Whole-line comments are skipped as YAML skips them; on anything else (comments after a
 * value, anchors, tags, escapes, folded or multi-line scalars,
 * empty documents, duplicate keys, every error) it gives up, and the text is read by SnakeYAML, which gives the
 * same values or the exact error it always did.
 */
final class PlainBlockReader {
    /** Thrown to give up on a text; carries no stack trace. */
    static final class Unsupported extends RuntimeException {
        static final Unsupported INSTANCE = new Unsupported();

        private Unsupported() {
            super(null, null, false, false);
        }
    }

    /** One document: its value and where its root node starts (0-based line and column). */
    record Doc(Object value, int line, int column) {
    }

    private static final int MAX_DEPTH = 150;

    private final String text;
    private final Resolver resolver;
    /** Converts a resolved scalar to its value (throws on a bad one). */
    private final BiFunction<Tag, String, Object> scalar;
    private final java.util.function.UnaryOperator<String> share;
    /** Start offsets of the lines; the line i is [starts[i], ends[i]) without its line break. */
    private int[] starts;
    private int[] ends;
    private int lineCount;
    private int line;
    private int budget = YamlReader.MAX_NODES;
    /** Where each node starts, by JSON pointer, when asked for ({@link #positions}); null while reading values. */
    private Map<String, int[]> positions;
    /** The pointer of the node being read, kept only while recording positions. */
    private String path = "";

    /** A recorded node whose children are all recorded too: a block mapping or sequence, or a scalar. */
    static final int BLOCK = 0;
    /** A recorded flow collection: its own start is known, its items' are not recorded. */
    static final int FLOW = 1;
    /** A key with an empty value, which the reader leaves out: where SnakeYAML places its null is not recorded. */
    static final int EMPTY = 2;

    private PlainBlockReader(String text, Resolver resolver, BiFunction<Tag, String, Object> scalar,
            java.util.function.UnaryOperator<String> share) {
        this.text = text;
        this.resolver = resolver;
        this.scalar = scalar;
        this.share = share;
    }

    /** The documents of {@code text}, or null when it is not plain block YAML this reader reads. */
    static List<Doc> read(String text, Resolver resolver, BiFunction<Tag, String, Object> scalar,
            java.util.function.UnaryOperator<String> share) {
        try {
            return new PlainBlockReader(text, resolver, scalar, share).documents();
        } catch (Unsupported | IllegalArgumentException | ArithmeticException e) {
            return null;
        } catch (RuntimeException e) {
            // a value SnakeYAML's path rejects: let it report the error
            return null;
        }
    }

    /**
     * Where the nodes of a text this reader read start, one document at a time; the text is split into lines once.
     * Not thread-safe.
     */
    static final class Positions {
        private final PlainBlockReader reader;

        Positions(String text, Resolver resolver, BiFunction<Tag, String, Object> scalar,
                java.util.function.UnaryOperator<String> share) {
            reader = new PlainBlockReader(text, resolver, scalar, share);
            reader.splitLines();
        }

        /**
         * The nodes of the document whose root starts on {@code rootLine} (0-based, as {@link Doc#line()} gives
         * it): JSON pointer to {line, column (both 0-based), {@link #BLOCK}, {@link #FLOW} or {@link #EMPTY}}, the
         * root left out; null if the reader gives up on it.
         */
        Map<String, int[]> of(int rootLine) {
            PlainBlockReader r = reader;
            r.positions = new java.util.HashMap<>();
            r.path = "";
            r.budget = YamlReader.MAX_NODES;
            r.line = rootLine;
            try {
                r.node(0, 0, false);
                return r.positions;
            } catch (RuntimeException e) {
                return null;
            } finally {
                r.positions = null;
            }
        }
    }

    /** Records where the node at {@code p} starts. */
    private void at(String p, int l, int column, int kind) {
        positions.put(p, new int[] {l, column, kind});
    }

    private static int kindOf(char first) {
        return first == '[' || first == '{' ? FLOW : BLOCK;
    }

    private static Unsupported no() {
        return Unsupported.INSTANCE;
    }

    /** The key {@code raw} reads as (SnakeYAML's key for it); a key already in {@code out} is left to SnakeYAML. */
    private String newKey(String raw, Map<String, Object> out) {
        Object kv = scalar.apply(resolver.resolve(NodeId.scalar, raw, true), raw);
        String key = kv == null ? "null" : share.apply(kv instanceof String str ? str : raw);
        if (out.containsKey(key)) {
            throw no();
        }
        return key;
    }

    private List<Doc> documents() {
        splitLines();
        List<Doc> docs = new ArrayList<>();
        readDocuments(docs);
        return docs;
    }

    /** Splits the text into lines; gives up on text that is not ASCII lines ending with a line break. */
    private void splitLines() {
        int n = text.length();
        if (n == 0 || text.charAt(n - 1) != '\n') {
            throw no();
        }
        int lines = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                lines++;
            } else if (c < 0x20 || c > 0x7e) {
                throw no();
            }
        }
        starts = new int[lines];
        ends = new int[lines];
        int s = 0;
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (text.charAt(i) == '\n') {
                starts[k] = s;
                ends[k] = i;
                k++;
                s = i + 1;
            }
        }
        lineCount = lines;
    }

    private void readDocuments(List<Doc> docs) {
        line = 0;
        boolean explicit = false;
        while (true) {
            skipBlank();
            if (line >= lineCount) {
                if (explicit) {
                    throw no(); // an empty document after ---
                }
                break;
            }
            if (isSeparator(line)) {
                if (explicit) {
                    throw no(); // an empty document
                }
                explicit = true;
                line++;
                continue;
            }
            int indent = indent(line);
            if (indent != 0) {
                throw no();
            }
            int rootLine = line;
            Object value = node(0, 0, false);
            docs.add(new Doc(value, rootLine, 0));
            skipBlank();
            if (line < lineCount) {
                if (!isSeparator(line)) {
                    throw no();
                }
                line++;
                explicit = true;
                skipBlank();
                if (line >= lineCount) {
                    throw no(); // an empty last document
                }
                if (isSeparator(line)) {
                    throw no();
                }
                explicit = false;
            } else {
                break;
            }
        }
    }

    private boolean isSeparator(int l) {
        int s = starts[l];
        int e = trimmedEnd(l);
        if (e - s >= 3 && text.startsWith("---", s)) {
            if (e - s == 3) {
                return true;
            }
            throw no();
        }
        if (text.startsWith("...", s) || (e > s && text.charAt(s) == '%')) {
            throw no();
        }
        return false;
    }

    private int trimmedEnd(int l) {
        int s = starts[l];
        int e = ends[l];
        while (e > s && text.charAt(e - 1) == ' ') {
            e--;
        }
        return e;
    }

    /** Whether line {@code l} holds nothing but spaces, or a comment (after spaces only), as YAML ignores it. */
    private boolean blank(int l) {
        int i = starts[l];
        int e = ends[l];
        while (i < e && text.charAt(i) == ' ') {
            i++;
        }
        return i == e || text.charAt(i) == '#';
    }

    private void skipBlank() {
        while (line < lineCount && blank(line)) {
            line++;
        }
    }

    private int indent(int l) {
        int s = starts[l];
        int i = s;
        while (text.charAt(i) == ' ') {
            i++;
        }
        return i - s;
    }

    private boolean dashAt(int l, int col) {
        int p = starts[l] + col;
        int e = trimmedEnd(l);
        return p < e && text.charAt(p) == '-' && (p + 1 == e || text.charAt(p + 1) == ' ');
    }

    /** The block node starting on the current line at {@code col}: a sequence or a mapping. */
    private Object node(int col, int depth, boolean fromColumn) {
        if (--budget < 0 || depth > MAX_DEPTH) {
            throw no();
        }
        if (dashAt(line, col)) {
            return sequence(col, depth);
        }
        return mapping(col, depth, fromColumn);
    }

    private List<Object> sequence(int col, int depth) {
        List<Object> list = new ArrayList<>();
        while (true) {
            skipBlank();
            if (line >= lineCount) {
                break;
            }
            int ind = indent(line);
            if (ind < col || (ind == col && !dashAt(line, col))) {
                break;
            }
            if (ind > col) {
                throw no();
            }
            int s = starts[line] + col + 1;
            int e = trimmedEnd(line);
            if (s >= e) {
                throw no(); // "-" alone: a nested node on the next lines
            }
            int c = s;
            while (c < e && text.charAt(c) == ' ') {
                c++;
            }
            char first = text.charAt(c);
            if (first == '-' && (c + 1 == e || text.charAt(c + 1) == ' ')) {
                throw no();
            }
            int keyEnd = keyEnd(c, e);
            if (keyEnd > 0) {
                // a compact mapping: its keys are at the column of the first one
                if (--budget < 0 || depth + 1 > MAX_DEPTH) {
                    throw no();
                }
                if (positions == null) {
                    list.add(mapping(c - starts[line], depth + 1, true));
                } else {
                    String saved = path;
                    path = JsonPointer.append(saved, list.size());
                    at(path, line, c - starts[line], BLOCK);
                    list.add(mapping(c - starts[line], depth + 1, true));
                    path = saved;
                }
            } else {
                if (--budget < 0) {
                    throw no();
                }
                if (positions != null) {
                    at(JsonPointer.append(path, list.size()), line, c - starts[line], kindOf(first));
                }
                list.add(inlineValue(c, e, depth + 1, false));
                line++;
            }
        }
        return list;
    }

    /** The end of a simple key at {@code s} followed by ':' and a space or the line's end, or -1. */
    private int keyEnd(int s, int e) {
        int i = s;
        if (i >= e) {
            return -1;
        }
        char c0 = text.charAt(i);
        if (!(Character.isLetterOrDigit(c0) || c0 == '_' || c0 == '.' || c0 == '/')) {
            return -1;
        }
        while (i < e) {
            char c = text.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                    || c == '/' || c == '-') {
                i++;
            } else {
                break;
            }
        }
        if (i < e && text.charAt(i) == ':' && (i + 1 == e || text.charAt(i + 1) == ' ')) {
            return i;
        }
        return -1;
    }

    private Map<String, Object> mapping(int col, int depth, boolean first) {
        YamlMap out = new YamlMap();
        boolean onFirst = first;
        while (true) {
            int s;
            if (onFirst) {
                s = starts[line] + col;
                onFirst = false;
            } else {
                skipBlank();
                if (line >= lineCount) {
                    break;
                }
                int ind = indent(line);
                if (ind < col || (ind == 0 && (text.startsWith("---", starts[line])
                        || text.startsWith("...", starts[line])))) {
                    break;
                }
                if (ind > col || dashAt(line, col)) {
                    throw no();
                }
                s = starts[line] + col;
            }
            int e = trimmedEnd(line);
            int ke = keyEnd(s, e);
            if (ke < 0) {
                throw no();
            }
            String raw = text.substring(s, ke);
            String key = newKey(raw, out);
            int v = ke + 1;
            while (v < e && text.charAt(v) == ' ') {
                v++;
            }
            String childPath = positions == null ? null : JsonPointer.append(path, raw);
            if (v >= e) {
                // the value is on the next lines, or empty
                int keyLine = line;
                line++;
                skipBlank();
                if (line < lineCount) {
                    int ind = indent(line);
                    if (ind > col || (ind == col && dashAt(line, col))) {
                        if (positions == null) {
                            out.put(key, node(ind, depth + 1, false));
                        } else {
                            String saved = path;
                            path = childPath;
                            at(path, line, ind, BLOCK);
                            out.put(key, node(ind, depth + 1, false));
                            path = saved;
                        }
                        continue;
                    }
                }
                // "key:" and nothing else is left out, as the API server stores it
                if (positions != null) {
                    at(childPath, keyLine, v - starts[keyLine], EMPTY);
                }
                continue;
            }
            if (--budget < 0) {
                throw no();
            }
            char c = text.charAt(v);
            if (positions != null) {
                at(childPath, line, v - starts[line], kindOf(c));
            }
            if (c == '|') {
                out.put(key, literal(v, e, col));
                continue;
            }
            out.put(key, inlineValue(v, e, depth + 1, true));
            line++;
        }
        out.trim();
        return out;
    }

    /** A literal block scalar whose indicator is at {@code v}; its lines are indented deeper than {@code col}. */
    private String literal(int v, int e, int col) {
        boolean strip;
        if (e - v == 1) {
            strip = false;
        } else if (e - v == 2 && text.charAt(v + 1) == '-') {
            strip = true;
        } else {
            throw no();
        }
        line++;
        if (line >= lineCount || trimmedEnd(line) == starts[line]) { // (a first line of '#' is content)
            throw no();
        }
        int ind = indent(line);
        if (ind <= col) {
            throw no();
        }
        StringBuilder sb = new StringBuilder();
        int pendingBreaks = 0;
        boolean any = false;
        while (line < lineCount) {
            int s = starts[line];
            int end = ends[line];
            int len = end - s;
            int lead = 0;
            while (lead < len && text.charAt(s + lead) == ' ') {
                lead++;
            }
            if (lead == len && len <= ind) {
                pendingBreaks++;
                line++;
                continue;
            }
            if (lead < ind) {
                break;
            }
            if (any) {
                sb.append('\n');
            }
            for (int i = 0; i < pendingBreaks; i++) {
                sb.append('\n');
            }
            pendingBreaks = 0;
            sb.append(text, s + ind, end);
            any = true;
            line++;
        }
        if (!strip) {
            sb.append('\n');
        }
        return share.apply(sb.toString());
    }

    /** A value on one line, [v, e): a quoted or plain scalar, or a one-line flow sequence. */
    private Object inlineValue(int v, int e, int depth, boolean inMapping) {
        char c = text.charAt(v);
        if (c == '"' || c == '\'') {
            return share.apply(quoted(v, e));
        }
        if (c == '[') {
            if (depth > MAX_DEPTH) {
                throw no();
            }
            return flow(v, e);
        }
        if (c == '{') {
            if (depth > MAX_DEPTH) {
                throw no();
            }
            int end = flowMap(v, e, new YamlMap());
            if (end != e) {
                throw no();
            }
            return lastMap;
        }
        return plain(v, e);
    }

    private Object plain(int v, int e) {
        char c = text.charAt(v);
        if ("-?:,[]{}#&*!|>'\"%@`".indexOf(c) >= 0) {
            if (!(c == '-' && v + 1 < e && text.charAt(v + 1) != ' ' && text.charAt(v + 1) != '-')) {
                throw no();
            }
        }
        for (int i = v; i < e; i++) {
            char x = text.charAt(i);
            if (x == ':' && (i + 1 == e || text.charAt(i + 1) == ' ')) {
                throw no();
            }
            if (x == '#' && text.charAt(i - 1) == ' ') {
                throw no();
            }
        }
        String raw = text.substring(v, e);
        return scalar.apply(resolver.resolve(NodeId.scalar, raw, true), raw);
    }

    /** A quoted scalar filling [v, e) exactly, without escapes or line breaks. */
    private String quoted(int v, int e) {
        char q = text.charAt(v);
        if (e - v < 2 || text.charAt(e - 1) != q) {
            throw no();
        }
        String inner = text.substring(v + 1, e - 1);
        if (q == '"') {
            if (inner.indexOf('"') >= 0 || inner.indexOf('\\') >= 0) {
                throw no();
            }
            return inner;
        }
        if (inner.indexOf('\'') < 0) {
            return inner;
        }
        StringBuilder sb = new StringBuilder(inner.length());
        for (int i = 0; i < inner.length(); i++) {
            char x = inner.charAt(i);
            if (x == '\'') {
                if (i + 1 < inner.length() && inner.charAt(i + 1) == '\'') {
                    sb.append('\'');
                    i++;
                } else {
                    throw no();
                }
            } else {
                sb.append(x);
            }
        }
        return sb.toString();
    }

    /** The flow mapping {@link #flowMap} read last. */
    private Map<String, Object> lastMap;

    /**
     * A one-line flow mapping starting at {@code v} (before {@code e}) of simple keys and quoted or simple plain
     * values; returns the offset after its closing brace and leaves the mapping in {@link #lastMap}.
     */
    private int flowMap(int v, int e, Map<String, Object> out) {
        int i = v + 1;
        while (i < e && text.charAt(i) == ' ') {
            i++;
        }
        if (i < e && text.charAt(i) == '}') {
            lastMap = out;
            return i + 1;
        }
        while (true) {
            int k = i;
            while (k < e && simple(text.charAt(k), k > i)) {
                k++;
            }
            if (k == i || k + 1 >= e || text.charAt(k) != ':' || text.charAt(k + 1) != ' ') {
                throw no();
            }
            char c0 = text.charAt(i);
            if (!(Character.isLetterOrDigit(c0) || c0 == '_' || c0 == '.' || c0 == '/')) {
                throw no();
            }
            String raw = text.substring(i, k);
            String key = newKey(raw, out);
            int j = k + 1;
            while (j < e && text.charAt(j) == ' ') {
                j++;
            }
            if (j >= e || --budget < 0) {
                throw no();
            }
            char c = text.charAt(j);
            int after;
            if (c == '"' || c == '\'') {
                after = text.indexOf(c, j + 1);
                if (after < 0 || after >= e || (c == '\'' && after + 1 < e && text.charAt(after + 1) == '\'')) {
                    throw no();
                }
                out.put(key, share.apply(quoted(j, after + 1)));
                after++;
            } else {
                after = j;
                while (after < e && simple(text.charAt(after), after > j)) {
                    after++;
                }
                if (after == j) {
                    throw no();
                }
                String rv = text.substring(j, after);
                out.put(key, scalar.apply(resolver.resolve(NodeId.scalar, rv, true), rv));
            }
            while (after < e && text.charAt(after) == ' ') {
                after++;
            }
            if (after >= e) {
                throw no();
            }
            char sep = text.charAt(after);
            if (sep == '}') {
                lastMap = out;
                return after + 1;
            }
            if (sep != ',') {
                throw no();
            }
            after++;
            while (after < e && text.charAt(after) == ' ') {
                after++;
            }
            if (after >= e || text.charAt(after) == '}') {
                throw no(); // a trailing comma
            }
            i = after;
        }
    }

    /** A character of a simple plain key or value: letters, digits, '_', '.', '/' and (not first) '-'. */
    private static boolean simple(char x, boolean notFirst) {
        return (x >= 'a' && x <= 'z') || (x >= 'A' && x <= 'Z') || (x >= '0' && x <= '9') || x == '_' || x == '.'
                || x == '/' || (x == '-' && notFirst);
    }

    /** A flow sequence filling [v, e) exactly, of quoted items, simple plain ones and flow mappings. */
    private List<Object> flow(int v, int e) {
        if (text.charAt(e - 1) != ']') {
            throw no();
        }
        List<Object> out = new ArrayList<>();
        int i = v + 1;
        int end = e - 1;
        while (i < end && text.charAt(i) == ' ') {
            i++;
        }
        if (i == end) {
            return out;
        }
        while (true) {
            if (--budget < 0) {
                throw no();
            }
            char c = text.charAt(i);
            int j;
            if (c == '{') {
                j = flowMap(i, end, new YamlMap());
                out.add(lastMap);
            } else if (c == '"' || c == '\'') {
                j = text.indexOf(c, i + 1);
                if (j < 0 || j >= end) {
                    throw no();
                }
                if (c == '\'' && j + 1 < end && text.charAt(j + 1) == '\'') {
                    throw no();
                }
                out.add(share.apply(quoted(i, j + 1)));
                j++;
            } else {
                j = i;
                while (j < end) {
                    char x = text.charAt(j);
                    if ((x >= 'a' && x <= 'z') || (x >= 'A' && x <= 'Z') || (x >= '0' && x <= '9') || x == '_'
                            || x == '.' || x == '/' || (x == '-' && j > i)) {
                        j++;
                    } else {
                        break;
                    }
                }
                if (j == i) {
                    throw no();
                }
                String raw = text.substring(i, j);
                out.add(scalar.apply(resolver.resolve(NodeId.scalar, raw, true), raw));
            }
            while (j < end && text.charAt(j) == ' ') {
                j++;
            }
            if (j == end) {
                return out;
            }
            if (text.charAt(j) != ',') {
                throw no();
            }
            j++;
            while (j < end && text.charAt(j) == ' ') {
                j++;
            }
            if (j == end) {
                throw no(); // a trailing comma
            }
            i = j;
        }
    }
}
