package dev.osk.render.chart;

import java.nio.file.Path;

/** A template of a chart: its file and its path relative to the chart folder ({@code templates/x.yaml}). */
public record TemplateFile(Path file, String relativePath) {
}
