package dev.osk.render.diff;

import dev.osk.render.InvalidRequestException;
import dev.osk.render.yaml.JsonPointer;
import java.util.ArrayList;
import java.util.List;

/**
 * A field path to leave out of a diff ({@code --ignore}), anchored at the object's root: a JSON pointer
 * ({@code /metadata/annotations/checksum~1config}) or a dotted path ({@code metadata.annotations.checksum*},
 * {@code spec.template.spec.containers[*].image}, {@code \.} for a dot inside a key). In a segment {@code *}
 * matches any run of characters (a list index is a segment too); a segment that is only {@code **} matches any
 * number of segments, none included.
 */
public final class PathPattern {
    private static final String ANY_DEPTH = "**";

    private final String text;
    private final List<String> segments;

    private PathPattern(String text, List<String> segments) {
        this.text = text;
        this.segments = segments;
    }

    public static PathPattern parse(String text) {
        String problem = text.startsWith("/") ? JsonPointer.problem(text) : null;
        if (problem != null) {
            throw new InvalidRequestException("--ignore '" + text + "': not a valid JSON pointer: " + problem
                    + " (write '~0' for '~' and '~1' for '/' inside a key)");
        }
        List<String> segs = text.startsWith("/") ? JsonPointer.segments(text) : dotted(text);
        if (segs.isEmpty() || segs.stream().anyMatch(String::isEmpty)) {
            throw new InvalidRequestException("--ignore '" + text + "': empty path segment; expected a JSON pointer"
                    + " (/metadata/labels/x) or a dotted path (metadata.labels.x)");
        }
        if (segs.stream().allMatch(ANY_DEPTH::equals)) {
            throw new InvalidRequestException("--ignore '" + text + "' would ignore every field");
        }
        return new PathPattern(text, List.copyOf(segs));
    }

    private static List<String> dotted(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean afterBracket = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                cur.append(text.charAt(++i));
            } else if (c == '.') {
                if (!afterBracket || cur.length() > 0) {
                    out.add(cur.toString());
                }
                cur.setLength(0);
                afterBracket = false;
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw new InvalidRequestException("--ignore '" + text + "': '[' without ']'");
                }
                if (!afterBracket || cur.length() > 0) {
                    out.add(cur.toString());
                }
                cur.setLength(0);
                out.add(text.substring(i + 1, close));
                i = close;
                afterBracket = true;
            } else {
                if (afterBracket) {
                    throw new InvalidRequestException("--ignore '" + text + "': expected '.' or '[' after ']'");
                }
                cur.append(c);
            }
        }
        if (!afterBracket || cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    /** The pattern as the user wrote it. */
    public String text() {
        return text;
    }

    /** Whether the field at {@code path} (keys and list indices from the object's root) matches. */
    public boolean matches(List<String> path) {
        // which path positions the segments so far can reach: one pass per segment, so many '**' segments cost
        // their number times the path's length (trying each way to split the path among them costs exponentially)
        int n = path.size();
        boolean[] reach = new boolean[n + 1];
        reach[0] = true;
        for (String seg : segments) {
            boolean[] next = new boolean[n + 1];
            boolean any = false;
            if (seg.equals(ANY_DEPTH)) {
                // any number of segments, none included: every position from the first one reached
                boolean from = false;
                for (int pi = 0; pi <= n; pi++) {
                    from |= reach[pi];
                    next[pi] = from;
                    any |= from;
                }
            } else {
                for (int pi = 0; pi < n; pi++) {
                    if (reach[pi] && glob(seg, path.get(pi))) {
                        next[pi + 1] = true;
                        any = true;
                    }
                }
            }
            if (!any) {
                return false;
            }
            reach = next;
        }
        return reach[n];
    }

    /** {@code *} matches any run of characters, everything else itself. */
    static boolean glob(String pattern, String s) {
        int p = 0;
        int i = 0;
        int star = -1;
        int mark = 0;
        while (i < s.length()) {
            if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == s.charAt(i)) {
                p++;
                i++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = i;
            } else if (star >= 0) {
                p = star + 1;
                i = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    @Override
    public String toString() {
        return text;
    }
}
