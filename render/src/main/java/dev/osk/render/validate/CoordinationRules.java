package dev.osk.render.validate;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * coordination.k8s.io/v1 Lease: ValidateLeaseSpec in pkg/apis/coordination/validation/validation.go, and the
 * decoding of its times before it.
 */
final class CoordinationRules {
    /**
     * metav1.MicroTime as the server decodes it, RFC 3339 with exactly six fractional digits
     * ("2006-01-02T15:04:05.000000Z07:00"); anything else cannot be decoded.
     */
    private static final Pattern MICRO_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}(Z|[+-]\\d{2}:\\d{2})");

    private CoordinationRules() {
    }

    /**
     * ValidateLeaseSpec: leaseDurationSeconds greater than 0 and leaseTransitions not negative, when given;
     * acquireTime and renewTime MicroTimes.
     */
    static void lease(Map<String, Object> obj, ApiRules.Sink sink) {
        Map<String, Object> spec = ApiRules.map(obj.get("spec"));
        if (spec.get("leaseDurationSeconds") instanceof Long d && d < 1) {
            sink.report(Check.API_RULES, "/spec/leaseDurationSeconds", "leaseDurationSeconds " + d
                    + " must be greater than 0");
        }
        Amounts.nonNegative(spec.get("leaseTransitions"), "/spec/leaseTransitions", sink);
        for (String field : new String[] {"acquireTime", "renewTime"}) {
            Object v = spec.get(field);
            if (v != null && !(v instanceof String s && microTime(s))) {
                sink.report(Check.SCHEMA, "/spec/" + field, "'" + v + "' is not a time as"
                        + " 2006-01-02T15:04:05.000000Z07:00 (six fractional digits)");
            }
        }
    }

    /** Whether {@code s} is a metav1.MicroTime the server decodes. */
    static boolean microTime(String s) {
        if (!MICRO_TIME.matcher(s).matches()) {
            return false;
        }
        try {
            java.time.OffsetDateTime.parse(s);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }
}
