package dev.osk.render.validate;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A container's resources: ValidateResourceRequirements, validateContainerResourceName and
 * ValidateResourceQuantityValue in pkg/apis/core/validation/validation.go, with the resource-name helpers of
 * pkg/apis/core/helper/helpers.go (IsStandardContainerResourceName, IsExtendedResourceName, IsNativeResource,
 * IsOvercommitAllowed).
 */
final class ResourceRules {
    private ResourceRules() {
    }

    /**
     * ValidateResourceRequirements: every name a container resource, quantities not negative (extended
     * resources whole numbers); a request at most its limit, and for a resource that cannot be overcommitted
     * (extended resources and hugepages) a limit that equals it; hugepages only beside cpu or memory.
     */
    static void requirements(Map<String, Object> r, String ptr, ApiRules.Sink sink) {
        Map<String, Object> req = ApiRules.map(r.get("requests"));
        Map<String, Object> lim = ApiRules.map(r.get("limits"));
        boolean hugePages = false;
        boolean cpuOrMemory = false;
        for (String part : new String[] {"limits", "requests"}) {
            for (Map.Entry<String, Object> e : ApiRules.map(r.get(part)).entrySet()) {
                String name = e.getKey();
                String p = ptr + "/" + part + "/" + Names.pointerToken(name);
                if (!resourceName(name, p, sink)) {
                    continue;
                }
                hugePages |= name.startsWith("hugepages-");
                cpuOrMemory |= name.equals("cpu") || name.equals("memory");
                BigDecimal q = Quantities.value(e.getValue());
                if (q != null && q.signum() < 0) {
                    sink.report(Check.API_RULES, p, "must be greater than or equal to 0, not " + e.getValue());
                } else if (q != null && isExtended(name) && q.stripTrailingZeros().scale() > 0) {
                    sink.report(Check.API_RULES, p, "extended resource " + name + " must be an integer, not "
                            + e.getValue());
                }
            }
        }
        for (Map.Entry<String, Object> e : req.entrySet()) {
            String name = e.getKey();
            BigDecimal rq = Quantities.value(e.getValue());
            if (rq == null || rq.signum() < 0) {
                continue;
            }
            if (!lim.containsKey(name)) {
                if (!overcommitAllowed(name)) {
                    sink.report(Check.API_RULES, ptr + "/limits/" + Names.pointerToken(name), "a limit must be set"
                            + " for " + name + ", which cannot be overcommitted");
                }
                continue;
            }
            BigDecimal lm = Quantities.value(lim.get(name));
            if (lm == null) {
                continue;
            }
            String p = ptr + "/requests/" + Names.pointerToken(name);
            if (!overcommitAllowed(name) && rq.compareTo(lm) != 0) {
                sink.report(Check.API_RULES, p, "request " + e.getValue() + " must be equal to the " + name
                        + " limit " + lim.get(name) + " (it cannot be overcommitted)");
            } else if (rq.compareTo(lm) > 0) {
                sink.report(Check.API_RULES, p, "request " + e.getValue() + " must be less than or equal to the limit "
                        + lim.get(name));
            }
        }
        if (hugePages && !cpuOrMemory) {
            sink.report(Check.API_RULES, ptr, "hugepages require a cpu or memory request or limit");
        }
    }

    /**
     * validateContainerResourceName: a qualified name; without a domain, cpu, memory, ephemeral-storage or
     * hugepages-SIZE; with one, a kubernetes.io resource or an extended resource. Returns whether it is valid.
     */
    private static boolean resourceName(String name, String ptr, ApiRules.Sink sink) {
        if (!ObjectMetaRules.qualifiedKey(name, ptr, "resource name", sink)) {
            return false;
        }
        if (!name.contains("/")) {
            if (!name.equals("cpu") && !name.equals("memory") && !name.equals("ephemeral-storage")
                    && !name.startsWith("hugepages-")) {
                sink.report(Check.API_RULES, ptr, "'" + name + "' is not a standard resource for containers (cpu,"
                        + " memory, ephemeral-storage, hugepages-<size>) nor a domain-qualified extended resource such"
                        + " as example.com/" + name);
                return false;
            }
        } else if (!isNative(name) && !isExtended(name)) {
            sink.report(Check.API_RULES, ptr, "'" + name + "' doesn't follow extended resource name standard");
            return false;
        }
        return true;
    }

    /** IsNativeResource: no domain, or one in kubernetes.io. */
    private static boolean isNative(String name) {
        return !name.contains("/") || name.contains("kubernetes.io/");
    }

    /** IsExtendedResourceName: not native, not requests.*, and requests.NAME a qualified name. */
    private static boolean isExtended(String name) {
        if (isNative(name) || name.startsWith("requests.")) {
            return false;
        }
        String quota = "requests." + name;
        int slash = quota.indexOf('/');
        String prefix = quota.substring(0, slash);
        String rest = quota.substring(slash + 1);
        return quota.indexOf('/', slash + 1) < 0 && prefix.length() <= 253
                && Names.DNS1123_SUBDOMAIN.matcher(prefix).matches() && !rest.isEmpty() && rest.length() <= 63
                && Names.QUALIFIED_NAME.matcher(rest).matches();
    }

    /** IsOvercommitAllowed: native and not hugepages. */
    private static boolean overcommitAllowed(String name) {
        return isNative(name) && !name.startsWith("hugepages-");
    }
}
