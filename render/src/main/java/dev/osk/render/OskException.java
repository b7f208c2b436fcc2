package dev.osk.render;

import java.util.List;

/**
 * A problem with the user's input: a chart, a values file, a template or a rendered document.
 * The message is one line and does not repeat the location; {@link #getMessage()} joins the two as
 * {@code file:line:col: message}.
 */
public class OskException extends RuntimeException {
    private final transient Location location;
    private final String detail;

    public OskException(Location location, String detail) {
        this(location, detail, null);
    }

    public OskException(Location location, String detail, Throwable cause) {
        super(format(location, detail), cause);
        this.location = location;
        this.detail = detail;
    }

    public OskException(String detail) {
        this(null, detail, null);
    }

    public Location location() {
        return location;
    }

    public String detail() {
        return detail;
    }

    /** Every problem this exception stands for, one line each (several when errors were collected). */
    public List<String> lines() {
        return List.of(getMessage());
    }

    private static String format(Location location, String detail) {
        return location == null ? detail : location + ": " + detail;
    }
}
