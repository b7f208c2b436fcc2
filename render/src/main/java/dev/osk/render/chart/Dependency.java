package dev.osk.render.chart;

import dev.osk.render.Location;

/**
 * One entry of a chart's {@code dependencies}: a local chart folder ({@code repository: file://../x} or
 * {@code path: ../x}, or {@code charts/NAME} when neither is given), with an optional alias, condition, and the
 * component and kind that place it on the scope ladder.
 */
public record Dependency(String name, String path, String alias, String condition, String component, String kind,
        Location location) {

    /** The name under which the parent's values hold this chart's block. */
    public String key() {
        return alias != null ? alias : name;
    }
}
