package dev.osk.render;

import dev.osk.render.manifest.Manifest;
import dev.osk.render.validate.Finding;
import dev.osk.render.validate.ValidationReport;
import dev.osk.render.values.ValueOrigin;
import dev.osk.render.values.Values;
import dev.osk.render.yaml.JsonPointer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Adds to each finding of a render's validation where the values on its line were set: the findings are matched
 * to the objects of a render that tracked where values were set (the same objects, from the same inputs) by
 * object and template line. A map or list value names the node inside it the finding is about, when the finding's
 * field ends with a path the value holds, with the same value.
 */
public final class FindingOrigins {
    private FindingOrigins() {
    }

    /**
     * {@code report} with origins: {@code tracked} are the objects it is about, from a render that recorded its
     * value reads ({@link RenderOptions#recordingReads}); the objects of another render add nothing.
     */
    public static ValidationReport annotate(ValidationReport report, List<Manifest> tracked) {
        Map<String, List<Manifest>> byObject = new HashMap<>();
        for (Manifest m : tracked) {
            byObject.computeIfAbsent(m.describe(), k -> new ArrayList<>()).add(m);
        }
        List<Finding> out = new ArrayList<>(report.findings().size());
        for (Finding f : report.findings()) {
            out.add(annotate(f, byObject.getOrDefault(f.object(), List.of())));
        }
        return new ValidationReport(report.objects(), out, report.notes());
    }

    private static Finding annotate(Finding f, List<Manifest> candidates) {
        if (f.location() == null || f.pointer() == null) {
            return f;
        }
        for (Manifest m : candidates) {
            if (m.templateLocation(f.pointer()).equals(f.location())) {
                List<ValueOrigin> origins = new ArrayList<>();
                for (ValueOrigin o : m.valueOrigins(f.pointer())) {
                    origins.add(narrowed(o, m, f.pointer()));
                }
                return f.withValueOrigins(origins);
            }
        }
        return f;
    }

    /** The origin of the node of a map or list value that the field at {@code pointer} is, else {@code o}. */
    private static ValueOrigin narrowed(ValueOrigin o, Manifest m, String pointer) {
        if (!(o.value() instanceof Map<?, ?> || o.value() instanceof List<?>)) {
            return o;
        }
        List<String> field = JsonPointer.segments(pointer);
        Object node = Values.lookup(m.object(), field);
        if (node == Values.ABSENT) {
            return o;
        }
        for (int from = 0; from < field.size(); from++) {
            List<String> rel = field.subList(from, field.size());
            ValueOrigin inside = o.inside(rel);
            if (inside != null && Objects.equals(inside.value(), node)) {
                return inside;
            }
        }
        return o;
    }
}
