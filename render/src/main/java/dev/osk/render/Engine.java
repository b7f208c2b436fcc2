package dev.osk.render;

import dev.osk.render.chart.Chart;
import dev.osk.render.chart.ChartLoader;
import dev.osk.render.manifest.Manifest;
import dev.osk.render.values.ValueSource;
import dev.osk.render.values.ValueTree;
import java.util.List;

/**
 * The entry point for programs that embed osk: load a chart tree, compute its values, render it. Each call
 * is independent; nothing is printed and nothing is written outside what the caller asks for.
 */
public final class Engine {

    /** The chart tree with every chart's final values. */
    public ChartInstance instances(RenderRequest req) {
        return instances(req, true);
    }

    private ChartInstance instances(RenderRequest req, boolean trackOrigins) {
        Chart chart = new ChartLoader(req.display()).load(req.baseDir().resolve(req.chart()));
        ValueTree user = ValueSource.merge(req.values(), req.baseDir(), req.display());
        return new ValuesResolver(trackOrigins).resolve(chart, user);
    }

    /** The rendered objects, in output order. */
    public List<Manifest> render(RenderRequest req) {
        return new Renderer(req.display()).render(instances(req, false), req.options());
    }

    /** The values of the whole tree as {@code osk values} shows them, with the source of every value. */
    public ValueTree values(RenderRequest req) {
        return ValuesResolver.combined(instances(req, true));
    }
}
