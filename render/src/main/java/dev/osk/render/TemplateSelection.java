package dev.osk.render;

import dev.osk.render.chart.TemplateFile;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The first stage of a render: the templates to render, in output order. Every template of every enabled chart
 * (the instance tree holds only those), or those the {@code --show-only} globs select, matched against the
 * source path with or without the root chart's name.
 */
final class TemplateSelection {
    private TemplateSelection() {
    }

    /** The selected templates of {@code root}'s tree, in tree order; a glob that matches none is an error. */
    static List<TemplateRef> select(ChartInstance root, List<String> showOnly) {
        List<TemplateRef> refs = new ArrayList<>();
        for (ChartInstance inst : root.walk()) {
            for (TemplateFile t : inst.chart().templates()) {
                refs.add(TemplateRef.of(inst, t));
            }
        }
        return showOnly.isEmpty() ? refs : matching(root, refs, showOnly);
    }

    private static List<TemplateRef> matching(ChartInstance root, List<TemplateRef> refs, List<String> showOnly) {
        List<TemplateRef> out = new ArrayList<>();
        String rootPrefix = root.sourcePrefix() + "/";
        for (String glob : showOnly) {
            PathMatcher pm;
            try {
                pm = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("--show-only '" + glob + "' is not a valid glob");
            }
            boolean any = false;
            for (TemplateRef r : refs) {
                String rel = r.sourcePath().substring(rootPrefix.length());
                if (pm.matches(Path.of(r.sourcePath())) || pm.matches(Path.of(rel))) {
                    any = true;
                    if (!out.contains(r)) {
                        out.add(r);
                    }
                }
            }
            if (!any) {
                throw new InvalidRequestException("--show-only '" + glob + "' matches no template of "
                        + root.chart().name());
            }
        }
        out.sort((a, b) -> Integer.compare(refs.indexOf(a), refs.indexOf(b)));
        return out;
    }
}
