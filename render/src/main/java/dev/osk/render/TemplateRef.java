package dev.osk.render;

import dev.osk.render.chart.TemplateFile;

/**
 * One template of one chart instance, with its source path ({@code chart/charts/sub/templates/x.yaml}), which
 * names it in the output and in {@code --show-only}.
 */
record TemplateRef(ChartInstance instance, TemplateFile template, String sourcePath) {

    static TemplateRef of(ChartInstance instance, TemplateFile template) {
        return new TemplateRef(instance, template, instance.sourcePrefix() + "/" + template.relativePath());
    }
}
