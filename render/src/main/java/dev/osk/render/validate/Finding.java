package dev.osk.render.validate;

import dev.osk.render.ControlCharacters;
import dev.osk.render.Location;

/**
 * One problem with one object: which check found it, how serious it is, the object
 * ({@code apps/v1 Deployment ns/name}), a JSON pointer into the object, a message, and where it comes from (the
 * template line that produced the field, or the file line it was read from).
 */
public record Finding(Severity severity, Check check, String object, String pointer, String message,
        Location location) {

    public enum Severity {
        ERROR, WARNING;

        public String id() {
            return this == ERROR ? "error" : "warning";
        }
    }

    /**
     * {@code file:line: error: object: pointer: message [check]}, one line: control characters from the inputs are
     * escaped ({@link ControlCharacters}).
     */
    public String text() {
        StringBuilder sb = new StringBuilder();
        if (location != null) {
            sb.append(location).append(": ");
        }
        sb.append(severity.id()).append(": ").append(object).append(": ");
        if (pointer != null && !pointer.isEmpty()) {
            sb.append(pointer).append(": ");
        }
        sb.append(message).append(" [").append(check.id()).append(']');
        return ControlCharacters.escape(sb.toString());
    }
}
