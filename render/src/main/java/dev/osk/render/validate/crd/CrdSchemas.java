package dev.osk.render.validate.crd;

import dev.osk.render.yaml.JsonPointer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The custom resource kinds that CustomResourceDefinitions define, each with its served versions' schemas:
 * apiextensions.k8s.io/v1's {@code spec.versions[].schema.openAPIV3Schema}; v1beta1's per-version {@code schema}
 * or else {@code spec.validation.openAPIV3Schema} for every version (and {@code spec.version} when there is no
 * {@code spec.versions}). A v1beta1 definition keeps unknown fields unless {@code spec.preserveUnknownFields} is
 * false, as the server does. What is wrong with a definition itself is kept per definition
 * ({@link #problems}); a definition without group or kind defines nothing.
 */
public final class CrdSchemas {
    /** A problem of a definition: the pointer into it, a message. */
    public record Problem(String pointer, String message) {
    }

    /**
     * A custom resource kind: its CustomResourceDefinition's name, group and kind, whether its scope is Cluster,
     * its versions.
     */
    public record Definition(String name, String group, String kind, boolean clusterScoped, List<Version> versions) {

        /**
         * Checks a custom resource of this kind: its apiVersion names a served version, its fields follow that
         * version's schema ({@link StructuralSchema#validate}). Its metadata is an ObjectMeta, which the caller
         * checks.
         */
        public void check(Map<String, Object> resource, boolean serverChecksFields, StructuralSchema.Sink sink) {
            String apiVersion = String.valueOf(resource.get("apiVersion"));
            String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
            List<String> served = new ArrayList<>();
            Version match = null;
            for (Version v : versions) {
                if (v.served()) {
                    served.add(v.name());
                    if (v.name().equals(version)) {
                        match = v;
                    }
                }
            }
            if (match == null) {
                sink.report("/apiVersion", "apiVersion '" + apiVersion + "' is not a served version of"
                        + " CustomResourceDefinition " + name + (served.isEmpty() ? " (it serves none)"
                        : " (served: " + String.join(", ", served) + ")"));
                return;
            }
            match.schema().validate(resource, serverChecksFields, sink);
        }
    }

    /** One version of a definition: its name, whether it is served, its schema. */
    public record Version(String name, boolean served, StructuralSchema schema) {
    }

    private final Map<String, Definition> byKind = new LinkedHashMap<>();
    private final Map<Map<String, Object>, List<Problem>> problems = new IdentityHashMap<>();

    /** Whether {@code obj} is a CustomResourceDefinition (of apiextensions.k8s.io, any version). */
    public static boolean isDefinition(Map<String, Object> obj) {
        return "CustomResourceDefinition".equals(obj.get("kind")) && obj.get("apiVersion") instanceof String v
                && v.startsWith("apiextensions.k8s.io/");
    }

    /**
     * The definitions of the CustomResourceDefinitions among {@code objects}; the first of a group and kind
     * counts.
     */
    public static CrdSchemas of(List<Map<String, Object>> objects) {
        CrdSchemas out = new CrdSchemas();
        for (Map<String, Object> crd : objects) {
            if (!isDefinition(crd)) {
                continue;
            }
            List<Problem> found = new ArrayList<>(0);
            Definition d = read(crd, (ptr, msg) -> found.add(new Problem(ptr, msg)));
            if (d != null) {
                out.byKind.putIfAbsent(d.group() + "/" + d.kind(), d);
            }
            out.problems.put(crd, found);
        }
        return out;
    }

    /** The definition of {@code kind} in API group {@code group}, or null. */
    public Definition find(String group, String kind) {
        return byKind.get(group + "/" + kind);
    }

    /** What is wrong with the definition {@code crd} (one of those given to {@link #of}). */
    public List<Problem> problems(Map<String, Object> crd) {
        return problems.getOrDefault(crd, List.of());
    }

    private static Definition read(Map<String, Object> crd, StructuralSchema.Sink sink) {
        boolean v1 = "apiextensions.k8s.io/v1".equals(crd.get("apiVersion"));
        Map<String, Object> spec = SchemaKeywords.map(crd.get("spec"));
        Object group = spec.get("group");
        Object kind = SchemaKeywords.map(spec.get("names")).get("kind");
        if (!(group instanceof String g) || g.isEmpty() || !(kind instanceof String k) || k.isEmpty()) {
            return null;
        }
        Object preserveField = spec.get("preserveUnknownFields");
        boolean preserve = v1 ? Boolean.TRUE.equals(preserveField) : !Boolean.FALSE.equals(preserveField);
        Object common = SchemaKeywords.map(spec.get("validation")).get("openAPIV3Schema");
        if (common != null) {
            checkSchema(common, "/spec/validation/openAPIV3Schema", false, sink);
        }
        List<Version> versions = new ArrayList<>();
        List<Object> listed = SchemaKeywords.list(spec.get("versions"));
        for (int i = 0; i < listed.size(); i++) {
            Map<String, Object> v = SchemaKeywords.map(listed.get(i));
            if (!(v.get("name") instanceof String name)) {
                continue;
            }
            String at = "/spec/versions/" + i + "/schema/openAPIV3Schema";
            Object own = SchemaKeywords.map(v.get("schema")).get("openAPIV3Schema");
            if (own != null) {
                checkSchema(own, at, v1, sink);
            } else if (v1) {
                sink.report(at, "required field is missing: openAPIV3Schema (apiextensions.k8s.io/v1 requires a"
                        + " schema for every version)");
            }
            Object schema = own != null ? own : common;
            versions.add(new Version(name, Boolean.TRUE.equals(v.get("served")), schema(schema, preserve)));
        }
        if (listed.isEmpty() && spec.get("version") instanceof String name) {
            versions.add(new Version(name, true, schema(common, preserve)));
        }
        Object name = SchemaKeywords.map(crd.get("metadata")).get("name");
        return new Definition(name instanceof String n ? n : "", (String) group, (String) kind,
                "Cluster".equals(spec.get("scope")), List.copyOf(versions));
    }

    private static void checkSchema(Object schema, String at, boolean structural, StructuralSchema.Sink sink) {
        CrdSchemaRules.check(schema, at, structural, sink);
        if (structural && schema instanceof Map<?, ?> m && !"object".equals(m.get("type"))) {
            sink.report(JsonPointer.append(at, "type"), "the schema of a custom resource must have type object");
        }
    }

    private static StructuralSchema schema(Object schema, boolean preserve) {
        return new StructuralSchema(schema instanceof Map<?, ?> ? SchemaKeywords.map(schema) : null, preserve);
    }
}
