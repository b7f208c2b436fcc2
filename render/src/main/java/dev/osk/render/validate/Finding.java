package dev.osk.render.validate;

import dev.osk.render.ControlCharacters;
import dev.osk.render.Location;
import dev.osk.render.values.ValueOrigin;
import java.util.List;

/**
 * One problem with one object: which check found it, how serious it is, the object
 * ({@code apps/v1 Deployment ns/name}), a JSON pointer into the object, a message, where it comes from (the
 * template line that produced the field, or the file line it was read from), and, for a rendered object, where
 * the values on that line were set (empty when unknown: objects read from files have no values).
 */
public record Finding(Severity severity, Check check, String object, String pointer, String message,
        Location location, List<ValueOrigin> valueOrigins) {

    public Finding {
        valueOrigins = List.copyOf(valueOrigins);
    }

    /** A finding without value origins. */
    public Finding(Severity severity, Check check, String object, String pointer, String message, Location location) {
        this(severity, check, object, pointer, message, location, List.of());
    }

    /** This finding with {@code origins} as where the values on its line were set. */
    public Finding withValueOrigins(List<ValueOrigin> origins) {
        return new Finding(severity, check, object, pointer, message, location, origins);
    }

    public enum Severity {
        ERROR, WARNING;

        public String id() {
            return this == ERROR ? "error" : "warning";
        }
    }

    /**
     * {@code file:line: error: object: pointer: message [check]}, one line, followed by where the line's values were
     * set when that is known ({@code (value keystone.replicas from values/dev.yaml:12:13)}): control characters
     * from the inputs are escaped ({@link ControlCharacters}).
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
        for (int i = 0; i < valueOrigins.size(); i++) {
            sb.append(i == 0 ? " (" : ", ").append(valueOrigins.get(i));
        }
        if (!valueOrigins.isEmpty()) {
            sb.append(')');
        }
        return ControlCharacters.escape(sb.toString());
    }
}
