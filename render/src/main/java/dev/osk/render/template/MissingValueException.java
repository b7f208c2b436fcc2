package dev.osk.render.template;

import dev.osk.render.Location;
import dev.osk.render.OskException;

/** A template asked for a value that no scope holds. */
public class MissingValueException extends OskException {
    public MissingValueException(Location location, String detail) {
        super(location, detail);
    }
}
