package dev.osk.render.values;

import dev.osk.render.InvalidRequestException;
import dev.osk.render.TextInput;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses Helm-style {@code --set} expressions: {@code a.b=c,list[0].name=x,tags={a,b},key=null}, with
 * {@code \.}, {@code \,}, {@code \=} and {@code \[} escapes. Typed values ({@code --set}) turn {@code true},
 * {@code false}, {@code null} and plain integers into booleans, null and exact integers; everything else,
 * decimals included, stays a string (so {@code 1.10} keeps its trailing zero).
 */
public final class SetParser {
    /** How a value after {@code =} is read. */
    public enum Mode {
        TYPED("--set"), STRING("--set-string"), JSON("--set-json"), FILE("--set-file"),
        /** One key=value: the key as --set reads it (without commas or escapes), the value verbatim. */
        LITERAL("--set-literal");

        public final String flag;

        Mode(String flag) {
            this.flag = flag;
        }
    }

    static final int MAX_INDEX = 65_536;
    /** As deep as a values file may nest (YAML documents nest at most 200 levels). */
    static final int MAX_KEY_PARTS = 200;
    private static final Pattern INT = Pattern.compile("-?(0|[1-9][0-9]*)");

    private final String expr;
    private final Mode mode;
    private final Path baseDir;
    private int pos;

    private SetParser(String expr, Mode mode, Path baseDir) {
        this.expr = expr;
        this.mode = mode;
        this.baseDir = baseDir;
    }

    /** The values one flag sets, as a map to be merged (nulls kept as deletion markers). */
    public static Map<String, Object> parse(String expr, Mode mode, Path baseDir) {
        SetParser p = new SetParser(expr, mode, baseDir);
        if (mode == Mode.JSON && expr.stripLeading().startsWith("{")) {
            Object v = p.json(expr.strip());
            if (!(v instanceof Map<?, ?>)) {
                throw p.error("expected a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) v;
            return m;
        }
        return p.parseAll();
    }

    private Map<String, Object> parseAll() {
        Map<String, Object> root = new LinkedHashMap<>();
        if (expr.isEmpty()) {
            throw error("empty expression");
        }
        while (pos < expr.length()) {
            List<Object> path = key();
            if (pos >= expr.length() && path.get(path.size() - 1) instanceof Integer) {
                // as Helm: a last key ending in an index, with no value, names an (empty) list
                put(root, path.subList(0, path.size() - 1), new ListPatch());
                break;
            }
            if (pos >= expr.length() || expr.charAt(pos) != '=') {
                throw error("key '" + echo(describe(path)) + "' has no value (expected key=value)");
            }
            pos++;
            Object value = value();
            put(root, path, value);
            if (pos < expr.length()) {
                if (expr.charAt(pos) != ',') {
                    throw error("unexpected '" + expr.charAt(pos) + "' at position " + (pos + 1));
                }
                pos++;
            }
        }
        return root;
    }

    /** Key segments: String for a map key, Integer for a list index. */
    private List<Object> key() {
        List<Object> path = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean afterIndex = false;
        while (pos < expr.length()) {
            char c = expr.charAt(pos);
            if (c == '\\' && pos + 1 < expr.length() && mode != Mode.LITERAL) {
                cur.append(expr.charAt(pos + 1));
                pos += 2;
            } else if (c == '.') {
                if (!afterIndex) {
                    addName(path, cur);
                }
                afterIndex = false;
                pos++;
            } else if (c == '[') {
                if (!afterIndex) {
                    addName(path, cur);
                }
                int close = expr.indexOf(']', pos);
                if (close < 0) {
                    throw error("unclosed '[' in key");
                }
                String idx = expr.substring(pos + 1, close);
                if (!idx.matches("[0-9]+")) {
                    throw error("list index '" + echo(idx) + "' is not a non-negative number");
                }
                if (idx.length() > 6 || Integer.parseInt(idx) > MAX_INDEX) {
                    throw error("list index " + echo(idx) + " is larger than " + MAX_INDEX + ", the largest index"
                            + " --set accepts");
                }
                int i = Integer.parseInt(idx);
                path.add(i);
                pos = close + 1;
                afterIndex = true;
            } else if (c == '=' || (c == ',' && mode != Mode.LITERAL)) {
                break;
            } else if (c == ']') {
                throw error("']' without '[' in key (write \\] for a ']' in a key name)");
            } else {
                if (afterIndex) {
                    throw error("expected '.' or '[' after ']' in key");
                }
                cur.append(c);
                pos++;
            }
        }
        if (!afterIndex) {
            addName(path, cur);
        }
        if (path.size() > MAX_KEY_PARTS) {
            throw error("key has " + path.size() + " parts, more than the " + MAX_KEY_PARTS + " values may nest");
        }
        return path;
    }

    private void addName(List<Object> path, StringBuilder cur) {
        if (cur.length() == 0) {
            throw error("empty key segment");
        }
        path.add(cur.toString());
        cur.setLength(0);
    }

    private Object value() {
        if (mode == Mode.LITERAL) {
            String rest = expr.substring(pos);
            pos = expr.length();
            return rest;
        }
        if (mode == Mode.JSON) {
            int end = jsonEnd();
            String text = expr.substring(pos, end);
            pos = end;
            return json(text);
        }
        if (mode != Mode.FILE && pos < expr.length() && expr.charAt(pos) == '{') {
            int close = findListEnd();
            if (close > 0) {
                List<Object> list = new ArrayList<>();
                String inner = expr.substring(pos + 1, close);
                pos = close + 1;
                if (!inner.isEmpty()) {
                    for (String item : splitUnescaped(inner)) {
                        list.add(scalar(item));
                    }
                }
                return list;
            }
        }
        StringBuilder sb = new StringBuilder();
        while (pos < expr.length()) {
            char c = expr.charAt(pos);
            if (c == '\\' && pos + 1 < expr.length()) {
                sb.append(expr.charAt(pos + 1));
                pos += 2;
            } else if (c == ',') {
                break;
            } else {
                sb.append(c);
                pos++;
            }
        }
        String raw = sb.toString();
        if (mode == Mode.FILE) {
            return readFile(raw);
        }
        return scalar(raw);
    }

    private int findListEnd() {
        for (int i = pos + 1; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '}') {
                return (i + 1 == expr.length() || expr.charAt(i + 1) == ',') ? i : -1;
            }
        }
        return -1;
    }

    private static List<String> splitUnescaped(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                cur.append(s.charAt(++i));
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private Object scalar(String raw) {
        if (mode == Mode.STRING) {
            return raw;
        }
        switch (raw) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "null":
                return null;
            default:
                break;
        }
        if (INT.matcher(raw).matches()) {
            BigInteger b = new BigInteger(raw);
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        return raw;
    }

    private int jsonEnd() {
        int depth = 0;
        boolean inString = false;
        for (int i = pos; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return expr.length();
    }

    private Object json(String text) {
        if (text.isBlank()) {
            throw error("empty JSON value");
        }
        try {
            return JsonReader.parse(text);
        } catch (IllegalArgumentException e) {
            throw error("invalid JSON '" + echo(text) + "': " + e.getMessage());
        }
    }

    private Object readFile(String file) {
        Path p = baseDir == null ? Path.of(file) : baseDir.resolve(file);
        if (TextInput.type(p) == TextInput.Type.MISSING) {
            throw error("no such file '" + echo(file) + "'");
        }
        return TextInput.read(p, file, TextInput.MAX_SET_FILE_BYTES, "a --set-file file");
    }

    @SuppressWarnings("unchecked")
    private void put(Map<String, Object> root, List<Object> path, Object value) {
        Object container = root;
        for (int i = 0; i < path.size(); i++) {
            Object seg = path.get(i);
            boolean last = i == path.size() - 1;
            Object next = last ? null : path.get(i + 1);
            if (seg instanceof String k) {
                if (!(container instanceof Map<?, ?>)) {
                    throw error("'" + echo(describe(path.subList(0, i + 1))) + "' is used both as a list and a map");
                }
                Map<String, Object> m = (Map<String, Object>) container;
                if (last) {
                    m.put(k, value);
                } else {
                    container = m.compute(k, (kk, old) -> fresh(old, next));
                }
            } else {
                int idx = (Integer) seg;
                if (!(container instanceof ListPatch)) {
                    throw error("'" + echo(describe(path.subList(0, i + 1))) + "' is used both as a list and a map");
                }
                ListPatch l = (ListPatch) container;
                Object old = idx < l.size() ? l.get(idx) : null;
                if (last) {
                    l.put(idx, value);
                } else {
                    l.put(idx, fresh(old, next));
                    container = l.get(idx);
                }
            }
        }
    }

    private static Object fresh(Object old, Object nextSeg) {
        if (nextSeg instanceof Integer) {
            return old instanceof ListPatch ? old : new ListPatch();
        }
        return old instanceof Map<?, ?> ? old : new LinkedHashMap<String, Object>();
    }

    private static String describe(List<Object> path) {
        StringBuilder sb = new StringBuilder();
        for (Object s : path) {
            if (s instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(s);
            }
        }
        return sb.toString();
    }

    private InvalidRequestException error(String msg) {
        return new InvalidRequestException(mode.flag + " '" + echo(expr) + "': " + msg);
    }

    /** How much of a flag's text a message repeats; longer text is cut (a whole JSON document helps nobody). */
    static final int ECHO = 80;

    /** {@code text}, or its first {@link #ECHO} characters and how long it is. */
    static String echo(String text) {
        if (text.length() <= ECHO) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(ECHO - 1)) ? ECHO - 1 : ECHO;
        return text.substring(0, end) + "... (" + text.length() + " characters)";
    }
}
