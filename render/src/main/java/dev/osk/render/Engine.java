package dev.osk.render;

import dev.osk.render.chart.Chart;
import dev.osk.render.chart.ChartLoader;
import dev.osk.render.manifest.Manifest;
import dev.osk.render.chart.ChartArchive;
import dev.osk.render.manifest.ManifestWriter;
import dev.osk.render.validate.ChartExternals;
import dev.osk.render.validate.ParseTimeValidation;
import dev.osk.render.validate.ValidationOptions;
import dev.osk.render.validate.Validator;
import dev.osk.render.validate.ValidationReport;
import dev.osk.render.values.ValueReads;
import dev.osk.render.values.ValueSource;
import dev.osk.render.values.ValueTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The entry point for programs that embed osk: load a chart tree, compute its values, render it. Each call
 * is independent; nothing is printed and nothing is written outside what the caller asks for.
 *
 * <p>The chart may be a folder or a chart archive ({@code .tgz}, as {@code osk package} writes): an archive is
 * checked, unpacked into a private temporary folder for the length of the call and removed again; files in it
 * are named {@code ARCHIVE/ROOT/templates/x.yaml} in messages.
 */
public final class Engine {

    /**
     * The chart tree with every chart's final values. For an archive, the unpacked files are gone when this
     * returns: use the values, not the templates.
     */
    public ChartInstance instances(RenderRequest req) {
        return withChart(req, (chart, display) -> instances(req, chart, display, true));
    }

    private ChartInstance instances(RenderRequest req, Chart chart, Function<Path, String> display,
            boolean trackOrigins) {
        ValueTree user = ValueSource.merge(req.values(), req.baseDir(), display);
        ValueReads reads = req.options() == null ? null : req.options().reads();
        return new ValuesResolver(trackOrigins || reads != null, reads).resolve(chart, user);
    }

    /**
     * The rendered objects, in output order. A placeholder password that reaches them is an error unless the
     * values allow it ({@link PlaceholderPasswords}).
     */
    public List<Manifest> render(RenderRequest req) {
        return rendering(req).manifests();
    }

    /**
     * The rendered objects, as {@link #render}, with the objects the chart declares external (Chart.yaml's
     * {@code external}: only the rendered chart's own list counts, not those of the charts it includes).
     */
    public Rendering rendering(RenderRequest req) {
        return withChart(req, (chart, display) -> {
            libraryCheck(chart, display);
            ChartInstance root = instances(req, chart, display, false);
            List<Manifest> manifests = new Renderer(display).render(root, req.options());
            PlaceholderPasswords.check(root, manifests, () -> instances(req, chart, display, true));
            return new Rendering(manifests, external(chart, display));
        });
    }

    /**
     * The render of {@code req} ready to be written, and its validation with {@code validation} (null: not
     * validated). Each object is written out as soon as it is parsed, and validated on its own then, keeping only
     * what the checks across the set read ({@link Manifest#written}): a render of many objects is held in a
     * fraction of the memory, and the work is spread across the cores. A render with findings is rendered and
     * validated again whole, so the report is the one {@link Validator} gives for {@link #rendering}, with
     * {@link #withValueOrigins}.
     */
    public CheckedRendering renderChecked(RenderRequest req, ValidationOptions validation) {
        CheckedRendering lean = withChart(req, (chart, display) -> {
            libraryCheck(chart, display);
            ChartExternals external = external(chart, display);
            ValidationOptions vo = validation == null ? null : validation.with(external);
            ChartInstance root = instances(req, chart, display, false);
            if (PlaceholderPasswords.mayFail(root)) {
                return null;
            }
            ParseTimeValidation checks = vo == null ? null : new ParseTimeValidation(vo);
            ManifestWriter writer = new ManifestWriter();
            try {
                List<Manifest> manifests = new Renderer(display).render(root, req.options(), m -> checks != null
                        && checks.keepWhole(m) ? m : m.written(ParseTimeValidation.retained(m.object()),
                                writer.document(m)));
                return new CheckedRendering(manifests, checks == null ? null : checks.finish(manifests));
            } catch (ParseTimeValidation.Unclean e) {
                return null;
            }
        });
        if (lean != null) {
            return lean;
        }
        Rendering rendering = rendering(req);
        ValidationReport report = validation == null ? null
                : new Validator().validate(rendering.manifests(), validation.with(rendering.external()));
        return new CheckedRendering(rendering.manifests(), report == null ? null : withValueOrigins(req, report));
    }

    /** A render ready to be written, and its validation report (null when it was not validated). */
    public record CheckedRendering(List<Manifest> manifests, ValidationReport report) {
    }

    private static void libraryCheck(Chart chart, Function<Path, String> display) {
        if (chart.metadata().isLibrary()) {
            throw new OskException(Location.of(display.apply(chart.dir().resolve("Chart.yaml"))),
                    "chart '" + chart.name() + "' is a library chart (type: library): it holds partials and"
                    + " defaults for the charts that depend on it and is never rendered itself");
        }
    }

    private static ChartExternals external(Chart chart, Function<Path, String> display) {
        List<String> external = chart.metadata().external();
        return external.isEmpty() ? ChartExternals.NONE
                : new ChartExternals(display.apply(chart.dir().resolve("Chart.yaml")), external);
    }

    /**
     * {@code report}, a validation of the render of {@code req}, with each finding naming where the values on its
     * template line were set ({@link dev.osk.render.validate.Finding#valueOrigins}). This renders again, tracking
     * where every value came from, which costs time: ask only when there are findings to show.
     */
    public ValidationReport withValueOrigins(RenderRequest req, ValidationReport report) {
        if (report.findings().isEmpty()) {
            return report;
        }
        RenderRequest tracked = new RenderRequest(req.chart(), req.values(),
                req.options().recordingReads(new ValueReads()), req.baseDir(), req.display());
        return FindingOrigins.annotate(report, rendering(tracked).manifests());
    }

    /** The values of the whole tree as {@code osk values} shows them, with the source of every value. */
    public ValueTree values(RenderRequest req) {
        return withChart(req, (chart, display) -> ValuesResolver.combined(instances(req, chart, display, true)));
    }

    /** Loads the request's chart (a folder, or an archive unpacked for the call) and runs {@code body} on it. */
    private static <T> T withChart(RenderRequest req, BiFunction<Chart, Function<Path, String>, T> body) {
        Path path = req.baseDir().resolve(req.chart());
        if (!Files.isRegularFile(path)) {
            return body.apply(new ChartLoader(req.display()).load(path), req.display());
        }
        ChartArchive archive = ChartArchive.read(path, req.display().apply(path));
        try (ChartArchive.Unpacked unpacked = archive.unpack()) {
            Function<Path, String> display = unpacked.display(req.display());
            Chart chart = new ChartLoader(display, unpacked.chartDir()).load(unpacked.chartDir());
            return body.apply(chart, display);
        }
    }
}
