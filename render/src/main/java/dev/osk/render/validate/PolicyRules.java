package dev.osk.render.validate;

import java.util.Map;

/** policy: PodDisruptionBudget. ValidatePodDisruptionBudgetSpec in pkg/apis/policy/validation/validation.go. */
final class PolicyRules {
    private PolicyRules() {
    }

    /**
     * ValidatePodDisruptionBudgetSpec: minAvailable and maxUnavailable exclude each other, each is a
     * non-negative integer or a percent of at most 100% (ValidatePositiveIntOrPercent,
     * IsNotMoreThan100Percent); the selector.
     */
    static void pdb(Map<String, Object> obj, ApiRules.Sink sink) {
        Map<String, Object> spec = ApiRules.map(obj.get("spec"));
        if (spec.get("minAvailable") != null && spec.get("maxUnavailable") != null) {
            sink.report(Check.API_RULES, "/spec/maxUnavailable", "minAvailable and maxUnavailable cannot both be set");
        }
        for (String field : new String[] {"minAvailable", "maxUnavailable"}) {
            if (spec.get(field) != null) {
                Amounts.intOrPercent(spec.get(field), "/spec/" + field, true, sink);
            }
        }
        LabelSelectors.selector(spec.get("selector"), "/spec/selector", sink);
    }
}
