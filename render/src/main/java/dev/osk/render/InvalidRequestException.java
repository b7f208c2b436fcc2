package dev.osk.render;

/**
 * The request itself is wrong (a malformed {@code --set}, a missing chart or values file named by the caller):
 * a usage error rather than a problem inside the charts.
 */
public class InvalidRequestException extends OskException {
    public InvalidRequestException(String detail) {
        super(detail);
    }

    public InvalidRequestException(Location location, String detail) {
        super(location, detail);
    }
}
