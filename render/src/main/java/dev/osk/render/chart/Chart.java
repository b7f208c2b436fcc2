package dev.osk.render.chart;

import dev.osk.render.values.ValueTree;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A loaded chart: metadata, default values, templates (rendered), partials (included by name) and its
 * dependencies, loaded in the order Chart.yaml lists them. The same folder reached twice is one Chart object.
 */
public final class Chart {
    private final Path dir;
    private final String displayDir;
    private final ChartMetadata metadata;
    private final ValueTree defaults;
    private final List<TemplateFile> templates;
    private final Map<String, Path> partials;
    private final ValuesSchema schema;
    private List<Chart> dependencies = List.of();

    Chart(Path dir, String displayDir, ChartMetadata metadata, ValueTree defaults, ValuesSchema schema,
            List<TemplateFile> templates, Map<String, Path> partials) {
        this.dir = dir;
        this.displayDir = displayDir;
        this.metadata = metadata;
        this.defaults = defaults;
        this.schema = schema;
        this.templates = templates;
        this.partials = partials;
    }

    void setDependencies(List<Chart> deps) {
        this.dependencies = List.copyOf(deps);
    }

    public Path dir() {
        return dir;
    }

    /** The folder as it should appear in messages (relative to the working directory where possible). */
    public String displayDir() {
        return displayDir;
    }

    public ChartMetadata metadata() {
        return metadata;
    }

    public String name() {
        return metadata.name();
    }

    /** values.yaml, with origins. */
    public ValueTree defaults() {
        return defaults;
    }

    /** values.schema.json, which the chart's final values must meet; null when the chart has none. */
    public ValuesSchema schema() {
        return schema;
    }

    public List<TemplateFile> templates() {
        return templates;
    }

    /** Partial name (file name without leading {@code _} and extension, relative to templates/) to file. */
    public Map<String, Path> partials() {
        return partials;
    }

    /** Resolved dependencies, parallel to {@code metadata().dependencies()}. */
    public List<Chart> dependencies() {
        return dependencies;
    }

    @Override
    public String toString() {
        return metadata.name() + " (" + displayDir + ")";
    }
}
