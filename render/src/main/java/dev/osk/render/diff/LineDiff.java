package dev.osk.render.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Differences between two sequences by Myers' O(ND) algorithm in its linear-space form (the "middle snake"
 * recursion), and unified-diff hunks of two texts. The edit script is a shortest one: the elements left
 * unmarked on both sides form a longest common subsequence.
 */
public final class LineDiff {
    /** Which elements of the old sequence are deleted and which of the new one are inserted. */
    public record Edits(boolean[] deleted, boolean[] inserted) {
    }

    private final int[] a;
    private final int[] b;
    private final boolean[] deleted;
    private final boolean[] inserted;
    private final int[] vf;
    private final int[] vb;
    private final int offset;

    private LineDiff(int[] a, int[] b) {
        this.a = a;
        this.b = b;
        this.deleted = new boolean[a.length];
        this.inserted = new boolean[b.length];
        int max = (a.length + b.length + 1) / 2 + 1;
        this.offset = max + 1;
        this.vf = new int[2 * max + 3];
        this.vb = new int[2 * max + 3];
    }

    /** A shortest edit script from {@code a} to {@code b}; elements are equal when their ids are equal. */
    public static Edits compare(int[] a, int[] b) {
        LineDiff d = new LineDiff(a, b);
        d.solve(0, 0, a.length, b.length);
        return new Edits(d.deleted, d.inserted);
    }

    /** Marks the edits inside the box {@code a[left, right) x b[top, bottom)}. */
    private void solve(int left, int top, int right, int bottom) {
        while (left < right && top < bottom && a[left] == b[top]) {
            left++;
            top++;
        }
        while (left < right && top < bottom && a[right - 1] == b[bottom - 1]) {
            right--;
            bottom--;
        }
        if (left == right) {
            for (int j = top; j < bottom; j++) {
                inserted[j] = true;
            }
            return;
        }
        if (top == bottom) {
            for (int i = left; i < right; i++) {
                deleted[i] = true;
            }
            return;
        }
        // both sides non-empty and their ends differ, so at least two edits: each part below costs fewer
        int[] snake = middleSnake(left, top, right, bottom);
        solve(left, top, snake[0], snake[1]);
        solve(snake[0], snake[1], snake[2], snake[3]);
        solve(snake[2], snake[3], right, bottom);
    }

    /**
     * A piece of some shortest path through the box, {@code {x0, y0, x1, y1}}: at most one edit followed or
     * preceded by matching elements, found where the forward and the backward searches meet.
     */
    private int[] middleSnake(int left, int top, int right, int bottom) {
        int width = right - left;
        int height = bottom - top;
        int delta = width - height;
        boolean odd = (delta & 1) != 0;
        int max = (width + height + 1) / 2;
        vf[offset + 1] = left;
        vb[offset + 1] = bottom;
        for (int d = 0; d <= max; d++) {
            for (int k = d; k >= -d; k -= 2) {
                int c = k - delta;
                int x;
                int px;
                if (k == -d || (k != d && vf[offset + k - 1] < vf[offset + k + 1])) {
                    px = x = vf[offset + k + 1];
                } else {
                    px = vf[offset + k - 1];
                    x = px + 1;
                }
                int y = top + (x - left) - k;
                int py = (d == 0 || x != px) ? y : y - 1;
                while (x < right && y < bottom && a[x] == b[y]) {
                    x++;
                    y++;
                }
                vf[offset + k] = x;
                if (odd && c >= -(d - 1) && c <= d - 1 && y >= vb[offset + c]) {
                    return new int[] {px, py, x, y};
                }
            }
            for (int c = d; c >= -d; c -= 2) {
                int k = c + delta;
                int y;
                int py;
                if (c == -d || (c != d && vb[offset + c - 1] > vb[offset + c + 1])) {
                    py = y = vb[offset + c + 1];
                } else {
                    py = vb[offset + c - 1];
                    y = py - 1;
                }
                int x = left + (y - top) + k;
                int px = (d == 0 || y != py) ? x : x + 1;
                while (x > left && y > top && a[x - 1] == b[y - 1]) {
                    x--;
                    y--;
                }
                vb[offset + c] = y;
                if (!odd && k >= -d && k <= d && x <= vf[offset + k]) {
                    return new int[] {x, y, px, py};
                }
            }
        }
        throw new IllegalStateException("no middle snake");
    }

    /**
     * The unified diff of two texts, hunks only ({@code @@ -l,n +l,n @@} and the lines), with {@code context}
     * unchanged lines around each change; "" when the texts are equal. A last line without a newline is marked
     * as in GNU diff.
     */
    public static String unified(String oldText, String newText, int context) {
        Text ta = Text.of(oldText);
        Text tb = Text.of(newText);
        Map<String, Integer> ids = new HashMap<>();
        int[] a = ta.ids(ids);
        int[] b = tb.ids(ids);
        Edits e = compare(a, b);
        return hunks(ta, tb, e, context);
    }

    private record Text(List<String> lines, boolean missingFinalNewline) {
        static Text of(String s) {
            List<String> lines = new ArrayList<>();
            int start = 0;
            while (start < s.length()) {
                int nl = s.indexOf('\n', start);
                if (nl < 0) {
                    lines.add(s.substring(start));
                    return new Text(lines, true);
                }
                lines.add(s.substring(start, nl));
                start = nl + 1;
            }
            return new Text(lines, false);
        }

        int[] ids(Map<String, Integer> ids) {
            int[] out = new int[lines.size()];
            for (int i = 0; i < out.length; i++) {
                String key = lines.get(i);
                if (missingFinalNewline && i == out.length - 1) {
                    key = key + "\n(no newline)"; // never equal to a line that has its newline
                }
                Integer id = ids.get(key);
                if (id == null) {
                    id = ids.size();
                    ids.put(key, id);
                }
                out[i] = id;
            }
            return out;
        }

        boolean endsWithoutNewline(int i) {
            return missingFinalNewline && i == lines.size() - 1;
        }
    }

    /** One step of the edit script: ' ' (both), '-' (old only) or '+' (new only), with its line indices. */
    private record Op(char type, int oldLine, int newLine) {
    }

    private static String hunks(Text ta, Text tb, Edits e, int context) {
        List<Op> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        int na = ta.lines().size();
        int nb = tb.lines().size();
        while (i < na || j < nb) {
            if (i < na && e.deleted()[i]) {
                ops.add(new Op('-', i++, j));
            } else if (j < nb && e.inserted()[j]) {
                ops.add(new Op('+', i, j++));
            } else {
                ops.add(new Op(' ', i++, j++));
            }
        }
        StringBuilder sb = new StringBuilder();
        int n = ops.size();
        int k = 0;
        while (k < n) {
            if (ops.get(k).type() == ' ') {
                k++;
                continue;
            }
            int start = Math.max(0, k - context);
            int end = k; // last change op of the hunk
            int scan = k + 1;
            while (scan < n) {
                if (ops.get(scan).type() != ' ') {
                    end = scan;
                    scan++;
                } else {
                    int run = scan;
                    while (run < n && ops.get(run).type() == ' ') {
                        run++;
                    }
                    if (run < n && run - scan <= 2 * context) {
                        scan = run;
                    } else {
                        break;
                    }
                }
            }
            int stop = Math.min(n, end + context + 1);
            appendHunk(sb, ops, start, stop, ta, tb);
            k = stop;
        }
        return sb.toString();
    }

    private static void appendHunk(StringBuilder sb, List<Op> ops, int start, int stop, Text ta, Text tb) {
        int oldCount = 0;
        int newCount = 0;
        for (int k = start; k < stop; k++) {
            char t = ops.get(k).type();
            if (t != '+') {
                oldCount++;
            }
            if (t != '-') {
                newCount++;
            }
        }
        Op first = ops.get(start);
        sb.append("@@ -").append(range(first.oldLine(), oldCount)).append(" +").append(range(first.newLine(), newCount))
                .append(" @@\n");
        for (int k = start; k < stop; k++) {
            Op op = ops.get(k);
            boolean fromOld = op.type() != '+';
            Text t = fromOld ? ta : tb;
            int line = fromOld ? op.oldLine() : op.newLine();
            sb.append(op.type()).append(t.lines().get(line)).append('\n');
            boolean noEol = op.type() == ' ' ? ta.endsWithoutNewline(op.oldLine()) : t.endsWithoutNewline(line);
            if (noEol) {
                sb.append("\\ No newline at end of file\n");
            }
        }
    }

    /** GNU's range: {@code start,count}, {@code start} alone for one line, the line before for none. */
    private static String range(int zeroBasedStart, int count) {
        if (count == 0) {
            return zeroBasedStart + ",0";
        }
        if (count == 1) {
            return String.valueOf(zeroBasedStart + 1);
        }
        return (zeroBasedStart + 1) + "," + count;
    }
}
