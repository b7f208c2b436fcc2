package dev.osk.render.validate;

import java.util.List;

/**
 * The objects the rendered chart declares in its Chart.yaml {@code external} list ({@code KIND/NAME}): other charts
 * render them, so the render-wide checks accept a wait for or a use of one that the set does not hold, and say so
 * in a note. {@code chartFile} is that Chart.yaml as messages name it.
 */
public record ChartExternals(String chartFile, List<String> objects) {
    public static final ChartExternals NONE = new ChartExternals(null, List.of());

    public ChartExternals {
        objects = List.copyOf(objects);
    }

    public boolean declares(String kindAndName) {
        return objects.contains(kindAndName);
    }

    /** The note for a declared object the set does not hold. */
    public String note(String kindAndName) {
        return kindAndName + " is not in this render; " + chartFile + " declares it external";
    }
}
