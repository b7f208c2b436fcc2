package dev.osk.render;

import dev.osk.render.manifest.Manifest;
import dev.osk.render.manifest.ManifestSorter;
import dev.osk.render.template.RenderBounds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Renders an instance tree, in stages: {@link TemplateSelection} picks the templates (every template of every
 * enabled chart, or those {@code --show-only} selects); {@link TemplateExecution} runs each once with the scope
 * ladder {@link ScopeLadderBuilder} builds for it; {@link DocumentSplitter} splits the output into documents and
 * parses them as the cluster will; {@link NamespaceAssignment} writes {@code -n}'s namespace; the objects are
 * then sorted for output. Errors are collected across templates and reported together.
 */
public final class Renderer {
    private static final int MAX_ERRORS = 50;

    private final Function<Path, String> display;

    /** @param display how a file is named in messages */
    public Renderer(Function<Path, String> display) {
        this.display = display;
    }

    /** The rendered objects in output order. */
    public List<Manifest> render(ChartInstance root, RenderOptions options) {
        return render(root, options, null);
    }

    /**
     * The rendered objects in output order, each given to {@code afterParse} as soon as it is parsed (with
     * {@code -n}'s namespace written), on the core that parsed it; what it returns takes the object's place.
     */
    public List<Manifest> render(ChartInstance root, RenderOptions options,
            java.util.function.UnaryOperator<Manifest> afterParse) {
        List<TemplateRef> refs = TemplateSelection.select(root, options.showOnly());
        java.util.function.UnaryOperator<Manifest> hook = afterParse == null ? null : m -> {
            if (options.setNamespace()) {
                NamespaceAssignment.assign(m, options.namespace());
            }
            return afterParse.apply(m);
        };
        DocumentSplitter splitter = new DocumentSplitter(display, hook);
        TemplateExecution execution = new TemplateExecution(root, options, display, splitter);
        // each template's text is rendered here, in order, while its documents are parsed on the other cores;
        // then the results are taken in template order, as if each template had been parsed right away
        List<Outcome> outcomes = new ArrayList<>();
        for (TemplateRef ref : refs) {
            Outcome o;
            try {
                o = new Outcome(ref, splitter.parseLater(ref, execution.text(ref)), null);
            } catch (OskException e) {
                o = new Outcome(ref, null, e);
            }
            outcomes.add(o);
            if (o.problem() instanceof RenderBounds.Exceeded) {
                break;
            }
        }
        List<Manifest> manifests = collect(outcomes, splitter);
        if (options.setNamespace() && hook == null) {
            for (Manifest m : manifests) {
                NamespaceAssignment.assign(m, options.namespace());
            }
        }
        return ManifestSorter.sort(manifests);
    }

    /** What rendering one template gave: its documents, being parsed, or the problem. */
    private record Outcome(TemplateRef ref, DocumentSplitter.Pending parts, OskException problem) {
    }

    /** The objects of every template in order, or every problem (up to {@link #MAX_ERRORS}) thrown together. */
    private List<Manifest> collect(List<Outcome> outcomes, DocumentSplitter splitter) {
        List<Manifest> manifests = new ArrayList<>();
        List<OskException> errors = new ArrayList<>();
        // a problem in a partial or in a template another one checksums shows once, not once per user
        Set<String> reported = new HashSet<>();
        try {
            for (Outcome o : outcomes) {
                TemplateRef ref = o.ref();
                try {
                    if (o.problem() != null) {
                        throw o.problem();
                    }
                    manifests.addAll(splitter.collect(ref, o.parts()));
                } catch (RenderBounds.Exceeded e) {
                    // every later template would only hit the same limit
                    errors.add(within(e, ref));
                    break;
                } catch (MultipleProblemsException e) {
                    for (OskException p : e.problems()) {
                        if (reported.add(p.getMessage())) {
                            errors.add(within(p, ref));
                        }
                    }
                } catch (OskException e) {
                    if (reported.add(e.getMessage())) {
                        errors.add(within(e, ref));
                    }
                }
                if (errors.size() >= MAX_ERRORS) {
                    break;
                }
            }
        } finally {
            for (Outcome o : outcomes) {
                if (o.parts() != null) {
                    o.parts().cancel();
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new MultipleProblemsException(errors);
        }
        return manifests;
    }

    /** Names the template being rendered when the problem lies in a partial or another chart's file. */
    private OskException within(OskException e, TemplateRef ref) {
        String file = display.apply(ref.template().file());
        if (e.location() == null || e.location().file().equals(file) || e.detail().contains(" (rendering ")) {
            return e;
        }
        return new OskException(e.location(), e.detail() + " (rendering " + ref.sourcePath() + ")", e);
    }
}
