package dev.osk.render.validate;

import java.util.List;

/** The findings for a set of objects, in object order. */
public record ValidationReport(int objects, List<Finding> findings) {

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
