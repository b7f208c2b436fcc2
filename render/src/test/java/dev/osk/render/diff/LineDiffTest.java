package dev.osk.render.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineDiffTest {

    /** Length of a longest common subsequence, by dynamic programming (the reference the edit script must meet). */
    static int lcs(int[] a, int[] b) {
        int[][] t = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                t[i][j] = a[i] == b[j] ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
            }
        }
        return t[0][0];
    }

    static List<Integer> kept(int[] s, boolean[] marked) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            if (!marked[i]) {
                out.add(s[i]);
            }
        }
        return out;
    }

    static int count(boolean[] marks) {
        int n = 0;
        for (boolean m : marks) {
            n += m ? 1 : 0;
        }
        return n;
    }

    @Test
    void everyEditScriptIsValidAndShortest() {
        Random rnd = new Random(42);
        for (int round = 0; round < 3000; round++) {
            int alphabet = 1 + rnd.nextInt(round % 3 == 0 ? 2 : 6);
            int[] a = rnd.ints(rnd.nextInt(round % 10 == 0 ? 60 : 14), 0, alphabet).toArray();
            int[] b = rnd.ints(rnd.nextInt(round % 10 == 0 ? 60 : 14), 0, alphabet).toArray();
            LineDiff.Edits e = LineDiff.compare(a, b);
            assertThat(e.deleted()).hasSize(a.length);
            assertThat(e.inserted()).hasSize(b.length);
            // what is neither deleted nor inserted is the same sequence on both sides ...
            assertThat(kept(a, e.deleted())).as("round %d", round).isEqualTo(kept(b, e.inserted()));
            // ... and as long as a longest common subsequence: no shorter edit script exists
            assertThat(a.length - count(e.deleted())).as("round %d", round).isEqualTo(lcs(a, b));
        }
    }

    @Test
    void emptyAndEqualSequences() {
        assertThat(count(LineDiff.compare(new int[0], new int[] {1, 2}).inserted())).isEqualTo(2);
        assertThat(count(LineDiff.compare(new int[] {1, 2}, new int[0]).deleted())).isEqualTo(2);
        LineDiff.Edits same = LineDiff.compare(new int[] {1, 2, 3}, new int[] {1, 2, 3});
        assertThat(count(same.deleted()) + count(same.inserted())).isZero();
    }

    static String lines(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i <= to; i++) {
            sb.append("line ").append(i).append('\n');
        }
        return sb.toString();
    }

    @Test
    void oneChangedLineWithThreeLinesOfContext() {
        String a = lines(1, 10);
        String b = a.replace("line 5\n", "line five\n");
        assertThat(LineDiff.unified(a, b, 3)).isEqualTo("""
                @@ -2,7 +2,7 @@
                 line 2
                 line 3
                 line 4
                -line 5
                +line five
                 line 6
                 line 7
                 line 8
                """);
    }

    @Test
    void contextIsClippedAtTheEdgesAndCanBeZero() {
        String a = lines(1, 4);
        String b = a.replace("line 1\n", "line one\n");
        assertThat(LineDiff.unified(a, b, 3)).isEqualTo("""
                @@ -1,4 +1,4 @@
                -line 1
                +line one
                 line 2
                 line 3
                 line 4
                """);
        assertThat(LineDiff.unified(a, b, 0)).isEqualTo("""
                @@ -1 +1 @@
                -line 1
                +line one
                """);
    }

    @Test
    void changesCloserThanTwiceTheContextShareAHunk() {
        String a = lines(1, 20);
        // changes at lines 5 and 11: 5 unchanged lines between them, fewer than 2 * 3
        String near = a.replace("line 5\n", "five\n").replace("line 11\n", "eleven\n");
        assertThat(LineDiff.unified(a, near, 3)).startsWith("@@ -2,13 +2,13 @@\n").containsOnlyOnce("@@ -");
        // changes at lines 5 and 13: 7 unchanged lines between them, more than 2 * 3: two hunks
        String far = a.replace("line 5\n", "five\n").replace("line 13\n", "thirteen\n");
        assertThat(LineDiff.unified(a, far, 3)).isEqualTo("""
                @@ -2,7 +2,7 @@
                 line 2
                 line 3
                 line 4
                -line 5
                +five
                 line 6
                 line 7
                 line 8
                @@ -10,7 +10,7 @@
                 line 10
                 line 11
                 line 12
                -line 13
                +thirteen
                 line 14
                 line 15
                 line 16
                """);
    }

    @Test
    void insertionsAndDeletionsUseGnuRanges() {
        assertThat(LineDiff.unified("", "a\n", 3)).isEqualTo("@@ -0,0 +1 @@\n+a\n");
        assertThat(LineDiff.unified("a\nb\n", "a\n", 3)).isEqualTo("@@ -1,2 +1 @@\n a\n-b\n");
        assertThat(LineDiff.unified("a\nb\n", "a\nx\ny\nb\n", 0)).isEqualTo("@@ -1,0 +2,2 @@\n+x\n+y\n");
    }

    @Test
    void equalTextsHaveNoHunks() {
        assertThat(LineDiff.unified(lines(1, 5), lines(1, 5), 3)).isEmpty();
    }

    @Test
    void aMissingFinalNewlineIsAChangeAndIsMarked() {
        assertThat(LineDiff.unified("a\nb\n", "a\nb", 3)).isEqualTo("""
                @@ -1,2 +1,2 @@
                 a
                -b
                +b
                \\ No newline at end of file
                """);
    }

    @Test
    void deletionsComeBeforeInsertionsInAChangedRun() {
        assertThat(LineDiff.unified("x\na\nb\ny\n", "x\nc\nd\ny\n", 1)).isEqualTo("""
                @@ -1,4 +1,4 @@
                 x
                -a
                -b
                +c
                +d
                 y
                """);
    }
}
