package dev.osk.render.diff;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What to compare: fields to leave out ({@code --ignore}), kinds to leave out ({@code --ignore-kind}, matched
 * without regard to case), and whether Secret values may be shown.
 */
public record DiffOptions(List<PathPattern> ignore, Set<String> ignoreKinds, boolean showSecrets) {

    public DiffOptions {
        ignore = List.copyOf(ignore);
        Set<String> kinds = new HashSet<>();
        for (String k : ignoreKinds) {
            kinds.add(k.toLowerCase(Locale.ROOT));
        }
        ignoreKinds = Set.copyOf(kinds);
    }

    public static DiffOptions defaults() {
        return new DiffOptions(List.of(), Set.of(), false);
    }

    boolean ignoresKind(String kind) {
        return ignoreKinds.contains(kind.toLowerCase(Locale.ROOT));
    }
}
