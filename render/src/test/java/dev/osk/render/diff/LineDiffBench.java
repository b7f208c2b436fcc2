package dev.osk.render.diff;

import com.github.difflib.algorithm.Change;
import com.github.difflib.algorithm.DiffAlgorithmI;
import com.github.difflib.algorithm.myers.MyersDiff;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Times line diffs of large texts, run by {@code test-fixtures/bench/line-diff-bench.sh}: {@link LineDiff#compare}
 * (java-diff-utils' linear-space Myers, on line ids) and, for comparison, java-diff-utils' other Myers
 * (MyersDiff, which keeps its whole search path), each input in turns; prints the median, min and max of the runs
 * in milliseconds and the number of edits each found (equal counts: both give shortest edit scripts).
 *
 * <p>Inputs: two 10,000-line YAML streams with a change every 50 lines (values changed, lines inserted and
 * removed), the same with every 5th line changed, and the worst case: 10,000 lines against 10,000 other lines.
 * Medians of 9 runs on a 2-core machine, before LineDiff used java-diff-utils (ms; its own linear-space Myers, then
 * MyersDiffWithLinearSpace, then MyersDiff): 0.6, 1.4, 5.1 for a change every 50 lines; 23.6, 26.8, 50.7 for a
 * change every 5; 438.7, 462.2, 2369.7 for all lines different.
 */
public final class LineDiffBench {
    private LineDiffBench() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        Random rnd = new Random(7);
        List<String> yaml = yaml(10_000);
        Map<String, String[][]> inputs = new java.util.LinkedHashMap<>();
        inputs.put("10k lines, a change every 50", new String[][] {arr(yaml), arr(edited(yaml, 50, rnd))});
        inputs.put("10k lines, a change every 5", new String[][] {arr(yaml), arr(edited(yaml, 5, rnd))});
        inputs.put("10k lines, all different", new String[][] {arr(uniq(yaml, "a")), arr(uniq(yaml, "b"))});
        System.out.printf("%-30s %-26s %9s %9s %9s %7s%n", "input", "algorithm", "median", "min", "max", "edits");
        for (Map.Entry<String, String[][]> in : inputs.entrySet()) {
            Map<String, Integer> ids = new HashMap<>();
            int[] a = ids(in.getValue()[0], ids);
            int[] b = ids(in.getValue()[1], ids);
            List<Integer> la = Arrays.stream(a).boxed().toList();
            List<Integer> lb = Arrays.stream(b).boxed().toList();
            Map<String, Supplier<Integer>> algorithms = new java.util.LinkedHashMap<>();
            algorithms.put("LineDiff.compare", () -> {
                LineDiff.Edits e = LineDiff.compare(a, b);
                return count(e.deleted()) + count(e.inserted());
            });
            algorithms.put("java-diff-utils MyersDiff", () -> edits(new MyersDiff<Integer>(), la, lb));
            Map<String, long[]> times = new java.util.LinkedHashMap<>();
            Map<String, Integer> found = new HashMap<>();
            for (int run = -2; run < runs; run++) { // two warm-up turns
                for (Map.Entry<String, Supplier<Integer>> alg : algorithms.entrySet()) {
                    long t0 = System.nanoTime();
                    int n = alg.getValue().get();
                    long t = System.nanoTime() - t0;
                    found.put(alg.getKey(), n);
                    if (run >= 0) {
                        times.computeIfAbsent(alg.getKey(), k -> new long[runs])[run] = t;
                    }
                }
            }
            for (Map.Entry<String, long[]> t : times.entrySet()) {
                long[] ns = t.getValue();
                Arrays.sort(ns);
                System.out.printf("%-30s %-26s %9.1f %9.1f %9.1f %7d%n", in.getKey(), t.getKey(), ns[runs / 2] / 1e6,
                        ns[0] / 1e6, ns[runs - 1] / 1e6, found.get(t.getKey()));
            }
        }
    }

    private static int edits(DiffAlgorithmI<Integer> alg, List<Integer> a, List<Integer> b) {
        int n = 0;
        for (Change c : alg.computeDiff(a, b, null)) {
            n += (c.endOriginal - c.startOriginal) + (c.endRevised - c.startRevised);
        }
        return n;
    }

    private static int count(boolean[] marks) {
        int n = 0;
        for (boolean m : marks) {
            n += m ? 1 : 0;
        }
        return n;
    }

    private static int[] ids(String[] lines, Map<String, Integer> ids) {
        int[] out = new int[lines.length];
        for (int i = 0; i < lines.length; i++) {
            out[i] = ids.computeIfAbsent(lines[i], k -> ids.size());
        }
        return out;
    }

    private static String[] arr(List<String> l) {
        return l.toArray(new String[0]);
    }

    /** A stream of Deployments, as a render prints them: many lines repeat (keys, braces, common values). */
    static List<String> yaml(int lines) {
        List<String> out = new ArrayList<>();
        for (int i = 0; out.size() < lines; i++) {
            out.addAll(List.of("---", "apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: app-" + i,
                    "  labels:", "    app: app-" + i, "spec:", "  replicas: " + (1 + i % 3), "  template:",
                    "    spec:", "      containers:", "        - name: main", "          image: registry/app-" + i
                    + ":1.0", "          ports:", "            - containerPort: 8080", "          env:",
                    "            - name: LOG_LEVEL", "              value: info"));
        }
        return new ArrayList<>(out.subList(0, lines));
    }

    /** {@code base} with one change in every {@code every} lines: a value changed, a line added or one removed. */
    static List<String> edited(List<String> base, int every, Random rnd) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < base.size(); i++) {
            String line = base.get(i);
            if (i % every != every / 2) {
                out.add(line);
                continue;
            }
            switch (rnd.nextInt(3)) {
                case 0 -> out.add(line + "-changed");
                case 1 -> {
                    out.add(line);
                    out.add("  added: " + i);
                }
                default -> {
                    // removed
                }
            }
        }
        return out;
    }

    private static List<String> uniq(List<String> base, String side) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < base.size(); i++) {
            out.add(side + i + " " + base.get(i));
        }
        return out;
    }
}
