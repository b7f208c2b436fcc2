package dev.osk.render.validate.crd;

import dev.osk.render.validate.FieldHint;
import dev.osk.render.yaml.JsonPointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One served version's {@code openAPIV3Schema}, checked against a custom resource the way the API server does
 * (apiextensions-apiserver's structural schemas, pkg/apiserver/schema, and kube-openapi's validator behind
 * pkg/apiserver/validation): types (with {@code nullable} and {@code x-kubernetes-int-or-string}), the value
 * keywords ({@link SchemaKeywords}), {@code allOf}/{@code anyOf}/{@code oneOf}/{@code not}, and the structure:
 * a field that neither {@code properties} nor {@code additionalProperties} declares, where no
 * {@code x-kubernetes-preserve-unknown-fields} keeps it, is an unknown field, as {@code kubectl apply
 * --validate=strict} reports it. Defaults are not applied: a field that is missing stays missing.
 *
 * <p>The structure comes from the schema itself only; the schemas under {@code allOf}, {@code anyOf},
 * {@code oneOf} and {@code not} check values and declare no fields, as structural schemas require.
 */
public final class StructuralSchema {
    /** Where a problem is reported: the RFC 6901 pointer into the custom resource, a message. */
    public interface Sink {
        void report(String pointer, String message);
    }

    private static final Set<String> RESOURCE_FIELDS = Set.of("apiVersion", "kind", "metadata");

    /** What becomes of fields a node does not declare. */
    private enum Unknowns {
        /** they are unknown fields */
        REPORTED,
        /** kept (an enclosing node preserves unknown fields), until a node declares fields of its own */
        KEPT_UNTIL_DECLARED,
        /** kept, and nothing below is reported: kubectl sees no fields under a node that preserves them */
        KEPT
    }

    private final Map<String, Object> root;
    private final boolean preserveUnknown;
    private final SchemaKeywords keywords = new SchemaKeywords();

    /**
     * @param root the {@code openAPIV3Schema} (null: no schema, nothing but metadata is checked)
     * @param preserveUnknown whether the definition keeps unknown fields everywhere (a v1beta1 definition's
     *     {@code preserveUnknownFields}, true unless set to false)
     */
    public StructuralSchema(Map<String, Object> root, boolean preserveUnknown) {
        this.root = root;
        this.preserveUnknown = preserveUnknown;
    }

    /**
     * Checks a custom resource. {@code apiVersion}, {@code kind} and {@code metadata} are always allowed at its
     * top; of {@code metadata}, only what the schema says of {@code name} and {@code generateName} is checked
     * here (the rest is an ObjectMeta like any object's).
     *
     * @param serverChecksFields whether the server checks the fields itself (server-side field validation, 1.25
     *     on), after filling in defaults; before, kubectl finds unknown and missing required fields in the OpenAPI
     *     document the server publishes, which has no defaults and shows nothing below a node that preserves
     *     unknown fields (the server then drops those it does not know, silently)
     */
    public void validate(Map<String, Object> resource, boolean serverChecksFields, Sink sink) {
        if (root == null) {
            return;
        }
        walk(resource, root, "", true, Unknowns.REPORTED, serverChecksFields, true, sink);
        Map<String, Object> metaSchema = SchemaKeywords.map(SchemaKeywords.map(root.get("properties")).get("metadata"));
        if (resource.get("metadata") instanceof Map<?, ?> md) {
            Map<String, Object> props = SchemaKeywords.map(metaSchema.get("properties"));
            for (String f : List.of("name", "generateName")) {
                if (props.get(f) instanceof Map<?, ?> && md.get(f) != null) {
                    walk(md.get(f), SchemaKeywords.map(props.get(f)), "/metadata/" + f, false, Unknowns.KEPT, true,
                            false, sink);
                }
            }
        }
    }

    /**
     * @param structural whether {@code s} is the schema's own node (its properties declare fields) rather than a
     *     schema under allOf, anyOf, oneOf or not (which only check values)
     * @param inherited what the enclosing nodes make of unknown fields
     * @param top whether {@code value} is the resource itself
     */
    private void walk(Object value, Map<String, Object> s, String ptr, boolean structural, Unknowns inherited,
            boolean serverChecksFields, boolean top, Sink sink) {
        boolean intOrString = Boolean.TRUE.equals(s.get("x-kubernetes-int-or-string"));
        String type = s.get("type") instanceof String t ? t : null;
        if (value == null) {
            if (!Boolean.TRUE.equals(s.get("nullable")) && (type != null || intOrString)) {
                sink.report(ptr, "must be " + expected(type, intOrString) + ", not null");
            }
            return;
        }
        if (!hasType(value, type, intOrString)) {
            sink.report(ptr, "must be " + expected(type, intOrString) + ", not " + SchemaKeywords.describe(value));
            return;
        }
        keywords.check(value, s, ptr, serverChecksFields, sink);
        combinations(value, s, ptr, serverChecksFields, sink);
        boolean embedded = Boolean.TRUE.equals(s.get("x-kubernetes-embedded-resource"));
        if (embedded && value instanceof Map<?, ?> m) {
            embeddedResource(m, ptr, sink);
        }
        boolean declares = s.containsKey("properties") || s.containsKey("additionalProperties");
        boolean preserves = Boolean.TRUE.equals(s.get("x-kubernetes-preserve-unknown-fields"));
        boolean keep = preserves || inherited == Unknowns.KEPT
                || (inherited == Unknowns.KEPT_UNTIL_DECLARED && !declares);
        Unknowns below = inherited == Unknowns.KEPT || (preserves && !serverChecksFields) ? Unknowns.KEPT
                : keep ? Unknowns.KEPT_UNTIL_DECLARED : Unknowns.REPORTED;
        if (value instanceof Map<?, ?> m) {
            fields(m, s, ptr, structural, keep, below, serverChecksFields, top || embedded, sink);
        } else if (value instanceof List<?> l && s.get("items") instanceof Map<?, ?>) {
            Map<String, Object> items = SchemaKeywords.map(s.get("items"));
            for (int i = 0; i < l.size(); i++) {
                walk(l.get(i), items, JsonPointer.append(ptr, i), structural, below, serverChecksFields, false, sink);
            }
        }
    }

    private void fields(Map<?, ?> m, Map<String, Object> s, String ptr, boolean structural, boolean keep,
            Unknowns below, boolean serverChecksFields, boolean resource, Sink sink) {
        Map<String, Object> props = SchemaKeywords.map(s.get("properties"));
        Object additional = s.get("additionalProperties");
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            String child = JsonPointer.append(ptr, key);
            if (props.get(key) instanceof Map<?, ?>) {
                if (e.getValue() == null && !SchemaKeywords.nullable(props.get(key))) {
                    // the server prunes a null field that may not be null: it is as if absent
                } else if (!(resource && key.equals("metadata"))) {
                    walk(e.getValue(), SchemaKeywords.map(props.get(key)), child, structural, below,
                            serverChecksFields, false, sink);
                }
            } else if (!structural) {
                // a schema under allOf/anyOf/oneOf/not declares no fields
            } else if (additional instanceof Map<?, ?>) {
                walk(e.getValue(), SchemaKeywords.map(additional), child, true, below, serverChecksFields, false,
                        sink);
            } else if (Boolean.TRUE.equals(additional) || keep || preserveUnknown
                    || (resource && RESOURCE_FIELDS.contains(key))) {
                // kept as it is
            } else {
                sink.report(child, "unknown field \"" + key + "\"" + FieldHint.hint(key, props.keySet()));
            }
        }
    }

    /**
     * x-kubernetes-embedded-resource: an object with its own apiVersion, kind and metadata, checked as the API
     * server checks them (pkg/apiserver/schema/objectmeta).
     */
    private static void embeddedResource(Map<?, ?> m, String ptr, Sink sink) {
        for (String f : List.of("apiVersion", "kind")) {
            Object v = m.get(f);
            if (v == null || "".equals(v)) {
                sink.report(JsonPointer.append(ptr, f), "required field is missing: " + f);
            } else if (!(v instanceof String)) {
                sink.report(JsonPointer.append(ptr, f), "must be a string, not " + SchemaKeywords.describe(v));
            }
        }
        Object md = m.get("metadata");
        if (md != null && !(md instanceof Map<?, ?>)) {
            sink.report(JsonPointer.append(ptr, "metadata"), "must be an object, not " + SchemaKeywords.describe(md));
        }
    }

    /** allOf, anyOf, oneOf and not: each a schema that checks values only. */
    private void combinations(Object value, Map<String, Object> s, String ptr, boolean serverChecksFields,
            Sink sink) {
        for (Object sub : SchemaKeywords.list(s.get("allOf"))) {
            walk(value, SchemaKeywords.map(sub), ptr, false, Unknowns.KEPT, serverChecksFields, false, sink);
        }
        List<Object> anyOf = SchemaKeywords.list(s.get("anyOf"));
        if (!anyOf.isEmpty() && matching(value, anyOf, ptr) == 0) {
            sink.report(ptr, "must match at least one of the " + anyOf.size() + " schemas of anyOf");
        }
        List<Object> oneOf = SchemaKeywords.list(s.get("oneOf"));
        if (!oneOf.isEmpty()) {
            int n = matching(value, oneOf, ptr);
            if (n != 1) {
                sink.report(ptr, "must match exactly one of the " + oneOf.size() + " schemas of oneOf, not " + n);
            }
        }
        if (s.get("not") instanceof Map<?, ?> && matching(value, List.of(s.get("not")), ptr) == 1) {
            sink.report(ptr, "must not match the schema of not");
        }
    }

    private int matching(Object value, List<Object> schemas, String ptr) {
        int n = 0;
        for (Object sub : schemas) {
            List<String> problems = new ArrayList<>(0);
            walk(value, SchemaKeywords.map(sub), ptr, false, Unknowns.KEPT, true, false,
                    (p, msg) -> problems.add(msg));
            if (problems.isEmpty()) {
                n++;
            }
        }
        return n;
    }

    private static boolean hasType(Object v, String type, boolean intOrString) {
        if (intOrString) {
            return v instanceof String || SchemaKeywords.isInteger(v);
        }
        if (type == null) {
            return true;
        }
        return switch (type) {
            case "object" -> v instanceof Map<?, ?>;
            case "array" -> v instanceof List<?>;
            case "string" -> v instanceof String;
            case "integer" -> SchemaKeywords.isInteger(v);
            case "number" -> v instanceof Number && SchemaKeywords.decimal(v) != null;
            case "boolean" -> v instanceof Boolean;
            default -> true;
        };
    }

    private static String expected(String type, boolean intOrString) {
        if (intOrString) {
            return "an integer or a string";
        }
        return switch (type) {
            case "object" -> "an object";
            case "array" -> "a list";
            case "string" -> "a string";
            case "integer" -> "an integer";
            case "number" -> "a number";
            case "boolean" -> "a boolean (true or false)";
            default -> "of type " + type;
        };
    }
}
