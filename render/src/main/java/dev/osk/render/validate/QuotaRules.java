package dev.osk.render.validate;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LimitRange and ResourceQuota: ValidateLimitRange and ValidateResourceQuotaSpec in
 * pkg/apis/core/validation/validation.go.
 */
final class QuotaRules {
    /** IsStandardLimitRangeType (pkg/apis/core/helper). */
    private static final Set<String> LIMIT_TYPES = Set.of("Pod", "Container", "PersistentVolumeClaim");

    private QuotaRules() {
    }

    /**
     * ValidateLimitRange: each limit's type a qualified name and, without a '/', a standard type, no type twice;
     * a Pod limit has no default or defaultRequest; a PersistentVolumeClaim limit a min or max storage; per
     * resource min &le; defaultRequest &le; default &le; max, after a Container limit's defaulting, and
     * maxLimitRequestRatio at least 1.
     */
    static void limitRange(Map<String, Object> obj, ApiRules.Sink sink) {
        List<Object> limits = ApiRules.list(ApiRules.map(obj.get("spec")).get("limits"));
        Set<String> types = new HashSet<>();
        for (int i = 0; i < limits.size(); i++) {
            Map<String, Object> limit = ApiRules.map(limits.get(i));
            String p = "/spec/limits/" + i;
            String type = limit.get("type") instanceof String s ? s : "";
            if (ObjectMetaRules.qualifiedKey(type, p + "/type", "type", sink) && !type.contains("/")
                    && !LIMIT_TYPES.contains(type)) {
                sink.report(Check.API_RULES, p + "/type", "type '" + type + "' must be a standard limit type (Pod,"
                        + " Container, PersistentVolumeClaim) or fully qualified");
            }
            if (!types.add(type)) {
                sink.report(Check.API_RULES, p + "/type", "duplicate limit type '" + type + "'");
            }
            if (type.equals("Pod")) {
                for (String field : new String[] {"default", "defaultRequest"}) {
                    if (!ApiRules.map(limit.get(field)).isEmpty()) {
                        sink.report(Check.API_RULES, p + "/" + field, field + " may not be specified when `type` is"
                                + " 'Pod'");
                    }
                }
            }
            Map<String, Object> min = ApiRules.map(limit.get("min"));
            Map<String, Object> max = ApiRules.map(limit.get("max"));
            if (type.equals("PersistentVolumeClaim") && min.get("storage") == null && max.get("storage") == null) {
                sink.report(Check.API_RULES, p, "either minimum or maximum storage value is required");
            }
            Map<String, Object> defaults = new java.util.LinkedHashMap<>(type.equals("Pod") ? Map.of()
                    : ApiRules.map(limit.get("default")));
            Map<String, Object> requests = new java.util.LinkedHashMap<>(type.equals("Pod") ? Map.of()
                    : ApiRules.map(limit.get("defaultRequest")));
            if (type.equals("Container")) {
                // SetDefaults_LimitRangeItem (core/v1): default from max, then defaultRequest from default and min
                max.forEach(defaults::putIfAbsent);
                defaults.forEach(requests::putIfAbsent);
                min.forEach(requests::putIfAbsent);
            }
            Map<String, Object> ratios = ApiRules.map(limit.get("maxLimitRequestRatio"));
            Set<String> keys = new LinkedHashSet<>();
            for (Map<String, Object> m : List.of(max, min, defaults, requests, ratios)) {
                keys.addAll(m.keySet());
            }
            for (String k : keys) {
                String t = Names.pointerToken(k);
                BigDecimal lo = quantity(min.get(k));
                BigDecimal hi = quantity(max.get(k));
                BigDecimal def = quantity(defaults.get(k));
                BigDecimal req = quantity(requests.get(k));
                BigDecimal ratio = quantity(ratios.get(k));
                above(lo, hi, p + "/min/" + t, "min", "max", sink);
                above(lo, req, p + "/defaultRequest/" + t, "min", "default request", sink);
                above(req, hi, p + "/defaultRequest/" + t, "default request", "max", sink);
                above(req, def, p + "/defaultRequest/" + t, "default request", "default limit", sink);
                above(lo, def, p + "/default/" + t, "min", "default", sink);
                above(def, hi, p + "/default/" + t, "default", "max", sink);
                if (ratio != null && ratio.compareTo(BigDecimal.ONE) < 0) {
                    sink.report(Check.API_RULES, p + "/maxLimitRequestRatio/" + t, "ratio " + ratios.get(k)
                            + " is less than 1");
                }
            }
        }
    }

    /** ValidateResourceQuotaSpec, ValidateResourceQuantityValue: each hard limit is not negative. */
    static void resourceQuota(Map<String, Object> obj, ApiRules.Sink sink) {
        Map<String, Object> hard = ApiRules.map(ApiRules.map(obj.get("spec")).get("hard"));
        for (Map.Entry<String, Object> e : hard.entrySet()) {
            BigDecimal v = quantity(e.getValue());
            if (v != null && v.signum() < 0) {
                sink.report(Check.API_RULES, "/spec/hard/" + Names.pointerToken(e.getKey()), e.getKey() + " "
                        + e.getValue() + " must be greater than or equal to 0");
            }
        }
    }

    private static BigDecimal quantity(Object v) {
        return v == null ? null : Quantities.value(v);
    }

    private static void above(BigDecimal a, BigDecimal b, String ptr, String aName, String bName,
            ApiRules.Sink sink) {
        if (a != null && b != null && a.compareTo(b) > 0) {
            sink.report(Check.API_RULES, ptr, aName + " value " + a.stripTrailingZeros().toPlainString()
                    + " is greater than " + bName + " value " + b.stripTrailingZeros().toPlainString());
        }
    }
}
