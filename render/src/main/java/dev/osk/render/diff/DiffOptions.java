package dev.osk.render.diff;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What to compare: fields to leave out ({@code --ignore}), kinds to leave out ({@code --ignore-kind}, matched
 * without regard to case), and whether Secret values may be shown.
 */
public record DiffOptions(List<PathPattern> ignore, Set<String> ignoreKinds, boolean showSecrets) {

    public DiffOptions {
        ignore = List.copyOf(ignore);
        ignoreKinds = ignoreKinds.stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public static DiffOptions defaults() {
        return new DiffOptions(List.of(), Set.of(), false);
    }

    boolean ignoresKind(String kind) {
        return ignoreKinds.contains(kind.toLowerCase(Locale.ROOT));
    }
}
