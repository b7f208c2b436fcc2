package dev.osk.render.chart;

import java.util.List;

/** The contents of {@code Chart.yaml}. */
public record ChartMetadata(String apiVersion, String name, String version, String appVersion, String description,
        String type, String component, String kind, List<Dependency> dependencies) {

    public boolean isLibrary() {
        return "library".equals(type);
    }
}
