package dev.osk.render;

import dev.osk.render.manifest.Manifest;
import dev.osk.render.validate.ChartExternals;
import java.util.List;

/**
 * What one render gives: the objects in output order, and the objects the rendered (top) chart declares external
 * in its Chart.yaml, for validation ({@link dev.osk.render.validate.ValidationOptions#with(ChartExternals)}).
 */
public record Rendering(List<Manifest> manifests, ChartExternals external) {
}
