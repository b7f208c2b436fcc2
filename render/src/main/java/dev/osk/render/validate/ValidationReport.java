package dev.osk.render.validate;

import java.util.List;

/**
 * The findings for a set of objects, in object order, and notes: the objects the rendered chart declares external
 * that the set waits for or uses without holding them (each once, in declaration order).
 */
public record ValidationReport(int objects, List<Finding> findings, List<String> notes) {

    public ValidationReport(int objects, List<Finding> findings) {
        this(objects, findings, List.of());
    }

    public long errors() {
        return findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
    }

    public long warnings() {
        return findings.stream().filter(f -> f.severity() == Finding.Severity.WARNING).count();
    }

    public boolean valid() {
        return errors() == 0;
    }

    /** {@code 295 objects: 0 errors, 2 warnings} */
    public String summary() {
        return objects + " object" + (objects == 1 ? "" : "s") + ": " + errors() + " error" + (errors() == 1 ? "" : "s")
                + ", " + warnings() + " warning" + (warnings() == 1 ? "" : "s");
    }
}
