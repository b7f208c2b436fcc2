package dev.osk.render.validate;

import java.util.Collection;
import java.util.Locale;

/** The "did you mean" of an unknown field: the declared field nearest to it, at most two edits away. */
public final class FieldHint {
    private FieldHint() {
    }

    /** " (did you mean \"NAME\"?)", or "" when no declared field is that near. */
    public static String hint(String key, Collection<String> declared) {
        String best = null;
        int bestDist = 3;
        for (String p : declared) {
            int d = distance(key.toLowerCase(Locale.ROOT), p.toLowerCase(Locale.ROOT));
            if (d < bestDist) {
                bestDist = d;
                best = p;
            }
        }
        return best == null ? "" : " (did you mean \"" + best + "\"?)";
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
