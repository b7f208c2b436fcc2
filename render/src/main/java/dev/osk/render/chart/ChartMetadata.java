package dev.osk.render.chart;

import java.util.List;

/**
 * The contents of {@code Chart.yaml}. {@code external} lists the objects ({@code KIND/NAME}, as {@code --external}
 * takes them) the chart's workloads wait for or use that other charts render: when this chart is the one rendered,
 * the render-wide checks accept them as being outside the render.
 */
public record ChartMetadata(String apiVersion, String name, String version, String appVersion, String description,
        String type, String component, String kind, List<Dependency> dependencies, List<String> external) {

    public boolean isLibrary() {
        return "library".equals(type);
    }
}
