package dev.osk.render.validate;

import java.util.regex.Pattern;

/**
 * Counts and int-or-percent amounts as the server checks them: ValidateNonnegativeField
 * (pkg/apis/core/validation/validation.go), ValidatePositiveIntOrPercent, IsNotMoreThan100Percent and
 * getIntOrPercentValue (pkg/apis/apps/validation/validation.go, used by policy too), IsValidPercent
 * (apimachinery pkg/util/validation).
 */
final class Amounts {
    private static final Pattern PERCENT = Pattern.compile("[0-9]+%");

    private Amounts() {
    }

    /** ValidateNonnegativeField; a value that is not an integer is the schema check's. */
    static void nonNegative(Object v, String ptr, ApiRules.Sink sink) {
        if (v instanceof Long n && n < 0) {
            sink.report(Check.API_RULES, ptr, "must be greater than or equal to 0, not " + n);
        }
    }

    /**
     * ValidatePositiveIntOrPercent and IsNotMoreThan100Percent: a non-negative integer or a percent string such
     * as '25%', at most 100%. Returns whether the value is well formed.
     */
    static boolean intOrPercent(Object v, String ptr, boolean atMost100Percent, ApiRules.Sink sink) {
        if (v instanceof Long n) {
            if (n < 0) {
                sink.report(Check.API_RULES, ptr, "must be greater than or equal to 0, not " + n);
                return false;
            }
            return true;
        }
        if (v instanceof String s) {
            if (!PERCENT.matcher(s).matches()) {
                sink.report(Check.API_RULES, ptr, "'" + s + "' must be an integer or a percent such as '25%'"
                        + " (digits followed by '%')");
                return false;
            }
            if (atMost100Percent && percent(s) > 100) {
                sink.report(Check.API_RULES, ptr, "'" + s + "' must not be greater than 100%");
                return false;
            }
            return true;
        }
        return v == null;
    }

    /** getIntOrPercentValue: whether a well-formed amount is zero (0 or '0%'). */
    static boolean isZero(Object v) {
        return v instanceof Long n ? n == 0 : v instanceof String s && percent(s) == 0;
    }

    private static long percent(String s) {
        String digits = s.substring(0, s.length() - 1).replaceFirst("^0+(?=.)", "");
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }
}
