package dev.osk.cli;

/** The exit codes osk documents (README, "Exit codes"). */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** A render, values or validation error in the inputs. */
    public static final int ERROR = 1;
    /** A usage error: unknown flag, malformed flag value, missing chart or values file named on the command line. */
    public static final int USAGE = 2;
    /** {@code osk diff --exit-code}: the two sides differ (diff reports usage errors as {@link #ERROR}). */
    public static final int CHANGES = 2;

    private ExitCodes() {
    }
}
