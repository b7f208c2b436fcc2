package dev.osk.render.diff;

import com.github.difflib.algorithm.Change;
import com.github.difflib.algorithm.myers.MyersDiffWithLinearSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Differences between two sequences, and unified-diff hunks of two texts. The edit script is java-diff-utils'
 * Myers in its linear-space form: a shortest one, so the elements left unmarked on both sides form a longest
 * common subsequence. The hunks are written here, as GNU diff writes them: java-diff-utils' own unified writer
 * gives a one-line range as {@code 1,1} where GNU gives {@code 1}, and knows no last line without a newline.
 */
public final class LineDiff {
    /** Which elements of the old sequence are deleted and which of the new one are inserted. */
    public record Edits(boolean[] deleted, boolean[] inserted) {
    }

    private LineDiff() {
    }

    /** A shortest edit script from {@code a} to {@code b}; elements are equal when their ids are equal. */
    public static Edits compare(int[] a, int[] b) {
        boolean[] deleted = new boolean[a.length];
        boolean[] inserted = new boolean[b.length];
        List<Change> changes = new MyersDiffWithLinearSpace<Integer>().computeDiff(boxed(a), boxed(b), null);
        for (Change c : changes) {
            Arrays.fill(deleted, c.startOriginal, c.endOriginal, true);
            Arrays.fill(inserted, c.startRevised, c.endRevised, true);
        }
        return new Edits(deleted, inserted);
    }

    private static List<Integer> boxed(int[] ids) {
        Integer[] out = new Integer[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = ids[i];
        }
        return Arrays.asList(out);
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
