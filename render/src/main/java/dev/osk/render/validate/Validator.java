package dev.osk.render.validate;

import dev.osk.render.Location;
import dev.osk.render.manifest.Manifest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a set of objects (a render, or manifests read from files) the way a real API server would, and
 * across the set the way none does. Nothing is printed; the report lists every finding.
 */
public final class Validator {
    private static final String REQUIRED = "required field is missing: ";

    public ValidationReport validate(List<Manifest> manifests, ValidationOptions options) {
        List<Finding> findings = new ArrayList<>();
        Set<String> customKinds = customKinds(manifests);
        // each object on its own, on all cores; the findings keep the objects' order
        for (List<Finding> of : dev.osk.render.Parallel.map(manifests, 256, m -> {
            List<Finding> out = new ArrayList<>(0);
            one(m, options, customKinds, out);
            return out;
        })) {
            findings.addAll(of);
        }
        List<String> notes = List.of();
        if (options.renderWide()) {
            notes = CrossChecks.check(manifests, options.external(), options.chartExternals(),
                    (m, check, ptr, msg) -> findings.add(finding(m, check, ptr, msg, options)));
        }
        return new ValidationReport(manifests.size(), findings, notes);
    }

    private void one(Manifest m, ValidationOptions options, Set<String> customKinds, List<Finding> out) {
        Map<String, Object> obj = m.object();
        String apiVersion = obj.get("apiVersion") instanceof String s ? s : null;
        String kind = obj.get("kind") instanceof String s ? s : null;
        if (apiVersion == null || apiVersion.isEmpty()) {
            out.add(finding(m, Check.SCHEMA, "/apiVersion", "required field is missing: apiVersion", options));
            return;
        }
        if (kind == null || kind.isEmpty()) {
            out.add(finding(m, Check.SCHEMA, "/kind", "required field is missing: kind", options));
            return;
        }
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        if (customKinds.contains(group + "/" + kind)) {
            return;
        }
        String unavailable = ApiSurface.unavailable(apiVersion, kind, options.kubeVersion());
        if (unavailable != null) {
            out.add(finding(m, Check.SCHEMA, "/apiVersion", unavailable, options));
            return;
        }
        KubeSchema.Type type = KubeSchema.get().type(apiVersion, kind);
        if (type == null && ApiSurface.known(apiVersion, kind)) {
            // an API version the target still serves but the bundled model no longer describes (for example
            // extensions/v1beta1 Ingress for 1.20): its fields cannot be checked, its rules can
            ApiRules.check(obj, options.kubeVersion(), (check, ptr, msg) -> out.add(finding(m, check, ptr, msg, options)));
            return;
        }
        if (type == null) {
            List<String> served = KubeSchema.get().apiVersions(kind);
            String msg = served.isEmpty() ? "unknown kind '" + kind + "' (no such built-in type and no"
                    + " CustomResourceDefinition in this set defines it)"
                    : "apiVersion '" + apiVersion + "' does not serve kind " + kind + " (served by "
                            + String.join(", ", served) + ")";
            out.add(finding(m, Check.SCHEMA, served.isEmpty() ? "/kind" : "/apiVersion", msg, options));
            return;
        }
        SchemaWalker.Sink sink = (check, ptr, msg) -> add(out, finding(m, check, ptr, msg, options));
        SchemaWalker.walk(obj, type, "", options.kubeVersion(), sink);
        ApiRules.check(obj, options.kubeVersion(), sink::report);
    }

    /**
     * Adds a finding of the object. The model and a rule may both require a field: it is said once, in the more
     * precise words of the rule when it has them.
     */
    private static void add(List<Finding> out, Finding f) {
        if (f.check() == Check.SCHEMA && f.message().startsWith(REQUIRED)) {
            for (int i = 0; i < out.size(); i++) {
                Finding o = out.get(i);
                if (o.check() == Check.SCHEMA && o.pointer().equals(f.pointer()) && f.message().startsWith(o.message())) {
                    out.set(i, f);
                    return;
                }
            }
        }
        out.add(f);
    }

    /** group/kind pairs that CustomResourceDefinitions in the set define. */
    private static Set<String> customKinds(List<Manifest> manifests) {
        Set<String> out = new HashSet<>();
        for (Manifest m : manifests) {
            if ("CustomResourceDefinition".equals(m.kind())) {
                Map<String, Object> spec = ApiRules.map(m.object().get("spec"));
                Object kind = ApiRules.map(spec.get("names")).get("kind");
                out.add(spec.get("group") + "/" + kind);
            }
        }
        return out;
    }

    private static Finding finding(Manifest m, Check check, String ptr, String msg, ValidationOptions options) {
        Finding.Severity sev = check.renderWide() && options.warnOnly().contains(check)
                ? Finding.Severity.WARNING : Finding.Severity.ERROR;
        Location loc = m.templateLocation(ptr);
        return new Finding(sev, check, m.describe(), ptr, msg, loc);
    }
}
