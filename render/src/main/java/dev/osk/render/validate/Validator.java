package dev.osk.render.validate;

import dev.osk.render.KubeVersion;
import dev.osk.render.Location;
import dev.osk.render.manifest.Manifest;
import dev.osk.render.validate.crd.CrdSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Validates a set of objects (a render, or manifests read from files) the way a real API server would, and
 * across the set the way none does. Nothing is printed; the report lists every finding.
 */
public final class Validator {
    private static final String REQUIRED = "required field is missing: ";
    /** The kind whose name rule custom resources follow (ObjectMetaRules: a DNS-1123 subdomain). */
    private static final String CUSTOM_RESOURCE = "";
    /** From this version the server reports unknown fields itself (server-side field validation). */
    private static final KubeVersion FIELD_VALIDATION = new KubeVersion(1, 25);
    private static final KubeSchema.Type OBJECT_META = KubeSchema.get()
            .fields(KubeSchema.get().type("v1", "ConfigMap")).get("metadata");

    public ValidationReport validate(List<Manifest> manifests, ValidationOptions options) {
        List<Finding> findings = new ArrayList<>();
        // the set's definitions first: the first of a kind counts
        CrdSchemas crds = CrdSchemas.of(Stream.concat(manifests.stream(), options.definitions().stream())
                .map(Manifest::object).toList());
        // CustomResourceDefinitions from outside the set (--crd): checked as objects, not part of the set
        for (Manifest d : options.definitions()) {
            if (isCrd(d)) {
                one(d, options, crds, false, findings);
            } else {
                findings.add(finding(d, Check.SCHEMA, "/kind", "not a CustomResourceDefinition: a --crd file may hold"
                        + " only CustomResourceDefinitions", options));
            }
        }
        // each object on its own, on all cores; the findings keep the objects' order
        for (List<Finding> of : dev.osk.render.Parallel.map(manifests, 256, m -> {
            List<Finding> out = new ArrayList<>(0);
            one(m, options, crds, true, out);
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

    /**
     * Whether {@code m} has no finding of its own, with {@code outside} the definitions given from outside the set;
     * null when that takes the set's own definitions (a definition itself, a custom resource, a kind no built-in
     * type describes). {@link ParseTimeValidation} asks it of each object as it is parsed.
     */
    Boolean cleanAlone(Manifest m, ValidationOptions options, CrdSchemas outside) {
        Map<String, Object> obj = m.object();
        if (!(obj.get("apiVersion") instanceof String apiVersion) || apiVersion.isEmpty()
                || !(obj.get("kind") instanceof String kind) || kind.isEmpty()) {
            return false;
        }
        String group = group(apiVersion);
        if (options.skips(group, kind)) {
            return true;
        }
        if (isCrd(m) || outside.find(group, kind) != null
                || KubeSchema.get().type(apiVersion, kind) == null && !ApiSurface.known(apiVersion, kind)) {
            return null;
        }
        List<Finding> out = new ArrayList<>(0);
        one(m, options, outside, true, out);
        return out.isEmpty();
    }

    /**
     * Whether the set {@code manifests}, whose objects {@link #cleanAlone} found clean or left whole, has no
     * finding: the definitions from outside the set, the objects left whole, and the checks across the set. The
     * notes of a clean set, or null.
     */
    List<String> cleanSet(List<Manifest> manifests, ValidationOptions options) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Manifest m : manifests) {
            if (!m.isWritten()) {
                objects.add(m.object());
            }
        }
        options.definitions().forEach(d -> objects.add(d.object()));
        CrdSchemas crds = CrdSchemas.of(objects);
        List<Finding> out = new ArrayList<>();
        for (Manifest d : options.definitions()) {
            if (!isCrd(d)) {
                return null;
            }
            one(d, options, crds, false, out);
        }
        for (Manifest m : manifests) {
            if (m.isWritten()) {
                // checked as a built-in kind: unless a definition of the set takes that kind over
                String apiVersion = m.apiVersion();
                String group = group(apiVersion);
                if (!options.skips(group, m.kind()) && crds.find(group, m.kind()) != null) {
                    return null;
                }
            } else {
                one(m, options, crds, true, out);
            }
            if (!out.isEmpty()) {
                return null;
            }
        }
        if (!out.isEmpty()) {
            return null;
        }
        if (!options.renderWide()) {
            return List.of();
        }
        boolean[] found = {false};
        List<String> notes = CrossChecks.check(manifests, options.external(), options.chartExternals(),
                (m, check, ptr, msg) -> found[0] = true);
        return found[0] ? null : notes;
    }

    /**
     * @param inSet false for a definition from outside the set, which is read for its definition whatever
     *     apiVersion the target serves it at
     */
    private void one(Manifest m, ValidationOptions options, CrdSchemas crds, boolean inSet, List<Finding> out) {
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
        String group = group(apiVersion);
        if (options.skips(group, kind)) {
            return;
        }
        CrdSchemas.Definition custom = crds.find(group, kind);
        if (custom != null) {
            customResource(m, custom, options, out);
            return;
        }
        String unavailable = inSet ? ApiSurface.unavailable(apiVersion, kind, options.kubeVersion()) : null;
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
            String msg = served.isEmpty() ? "unknown kind '" + kind + "' (" + apiVersion + "): not a built-in type,"
                    + " and no CustomResourceDefinition in the set or given with --crd defines it (--skip-kind "
                    + kind + " leaves it unchecked)"
                    : "apiVersion '" + apiVersion + "' does not serve kind " + kind + " (served by "
                            + String.join(", ", served) + ")";
            out.add(finding(m, Check.SCHEMA, served.isEmpty() ? "/kind" : "/apiVersion", msg, options));
            return;
        }
        SchemaWalker.Sink sink = (check, ptr, msg) -> add(out, finding(m, check, ptr, msg, options));
        SchemaWalker.walk(obj, type, "", options.kubeVersion(), sink);
        ApiRules.check(obj, options.kubeVersion(), sink::report);
        if (isCrd(m)) {
            for (CrdSchemas.Problem p : crds.problems(obj)) {
                sink.report(Check.SCHEMA, p.pointer(), p.message());
            }
        }
    }

    /**
     * A custom resource: its fields against its definition's schema; its metadata as any object's, with the
     * name a DNS-1123 subdomain, as the API server has it for every custom resource, and the namespace of a
     * cluster-scoped kind ignored, as a built-in kind's.
     */
    private static void customResource(Manifest m, CrdSchemas.Definition def, ValidationOptions options,
            List<Finding> out) {
        SchemaWalker.Sink sink = (check, ptr, msg) -> add(out, finding(m, check, ptr, msg, options));
        def.check(m.object(), options.kubeVersion().atLeast(FIELD_VALIDATION),
                (ptr, msg) -> sink.report(Check.SCHEMA, ptr, msg));
        SchemaWalker.walk(m.object().get("metadata"), OBJECT_META, "/metadata", options.kubeVersion(), sink);
        ObjectMetaRules.metadata(m.object(), CUSTOM_RESOURCE, def.clusterScoped(), sink::report);
    }

    /** The API group of {@code apiVersion}: {@code apps} of {@code apps/v1}, {@code ""} of {@code v1}. */
    private static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    private static boolean isCrd(Manifest m) {
        return CrdSchemas.isDefinition(m.object());
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

    private static Finding finding(Manifest m, Check check, String ptr, String msg, ValidationOptions options) {
        Finding.Severity sev = check.renderWide() && options.warnOnly().contains(check)
                ? Finding.Severity.WARNING : Finding.Severity.ERROR;
        Location loc = m.templateLocation(ptr);
        return new Finding(sev, check, m.describe(), ptr, msg, loc);
    }
}
