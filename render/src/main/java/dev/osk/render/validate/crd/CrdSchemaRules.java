package dev.osk.render.validate.crd;

import dev.osk.render.validate.FieldHint;
import dev.osk.render.yaml.JsonPointer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * What the API server requires of an {@code openAPIV3Schema} before it accepts the CustomResourceDefinition
 * (ValidateCustomResourceDefinitionOpenAPISchema in apiextensions-apiserver's pkg/apis/apiextensions/validation),
 * as far as checking custom resources against it depends on: each node an object of JSONSchemaProps' keywords
 * with values of their types, a known {@code type}, {@code items} one schema, a {@code pattern} that is a
 * regular expression, and none of the keywords the server forbids ({@code $ref}, {@code definitions},
 * {@code patternProperties}, {@code dependencies}, {@code additionalItems}, {@code id}, {@code $schema},
 * {@code uniqueItems: true}, {@code additionalProperties} beside {@code properties}); for apiextensions.k8s.io/v1,
 * whose schemas must be structural, also a type for every field and list items, items for every list, and no
 * structure under allOf, anyOf, oneOf or not.
 */
final class CrdSchemaRules {
    private static final Set<String> KEYWORDS = Set.of("description", "type", "format", "title", "default",
            "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern",
            "maxItems", "minItems", "uniqueItems", "multipleOf", "enum", "maxProperties", "minProperties",
            "required", "items", "allOf", "oneOf", "anyOf", "not", "properties", "additionalProperties",
            "externalDocs", "example", "nullable", "x-kubernetes-preserve-unknown-fields",
            "x-kubernetes-embedded-resource", "x-kubernetes-int-or-string", "x-kubernetes-list-map-keys",
            "x-kubernetes-list-type", "x-kubernetes-map-type", "x-kubernetes-validations");
    private static final Set<String> FORBIDDEN = Set.of("$ref", "definitions", "patternProperties", "dependencies",
            "additionalItems", "id", "$schema");
    private static final Set<String> TYPES = Set.of("object", "array", "string", "integer", "number", "boolean");
    private static final Set<String> NUMBERS = Set.of("maximum", "minimum", "multipleOf");
    private static final Set<String> COUNTS = Set.of("maxLength", "minLength", "maxItems", "minItems",
            "maxProperties", "minProperties");
    private static final Set<String> FLAGS = Set.of("exclusiveMaximum", "exclusiveMinimum", "uniqueItems", "nullable",
            "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource", "x-kubernetes-int-or-string");

    /** Keywords that only the schema's own nodes may set, not those under allOf, anyOf, oneOf or not. */
    private static final Set<String> STRUCTURE = Set.of("type", "description", "title", "default", "nullable",
            "additionalProperties", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource",
            "x-kubernetes-int-or-string");

    /** Where a node is: what the structural schema rules ask of it. */
    private enum Level {
        /** the root, a field (properties, additionalProperties) or a list's items: it declares structure */
        ROOT, FIELD, ITEMS,
        /** under allOf, anyOf, oneOf or not: it checks values only */
        VALUE,
        /** under anyOf of an x-kubernetes-int-or-string node (or of allOf of one): type integer or string */
        INT_OR_STRING,
        /** under allOf of an x-kubernetes-int-or-string node: its anyOf may name integer and string */
        INT_OR_STRING_ALL_OF
    }

    private CrdSchemaRules() {
    }

    /**
     * Reports every problem of the schema {@code s} at {@code ptr} (a pointer into the definition).
     *
     * @param structural whether the schema must be structural (apiextensions.k8s.io/v1): every field with a type,
     *     lists with items, and no types or fields declared under allOf, anyOf, oneOf or not
     */
    static void check(Object s, String ptr, boolean structural, StructuralSchema.Sink sink) {
        node(s, ptr, Level.ROOT, structural, sink);
    }

    private static void node(Object s, String ptr, Level level, boolean structural, StructuralSchema.Sink sink) {
        if (!(s instanceof Map<?, ?> node)) {
            sink.report(ptr, "must be an object (a schema), not " + SchemaKeywords.describe(s));
            return;
        }
        if (structural) {
            structure(node, ptr, level, sink);
        }
        for (Map.Entry<?, ?> e : node.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object v = e.getValue();
            String at = JsonPointer.append(ptr, key);
            if (FORBIDDEN.contains(key)) {
                sink.report(at, key + " is not supported in a CustomResourceDefinition's schema");
            } else if (!KEYWORDS.contains(key)) {
                sink.report(at, "unknown field \"" + key + "\"" + FieldHint.hint(key, KEYWORDS));
            } else {
                keyword(key, v, node, at, level, structural, sink);
            }
        }
    }

    /** The structural schema rules (apiextensions-apiserver pkg/apiserver/schema/validation.go). */
    private static void structure(Map<?, ?> node, String ptr, Level level, StructuralSchema.Sink sink) {
        boolean valueOnly = level == Level.VALUE || level == Level.INT_OR_STRING || level == Level.INT_OR_STRING_ALL_OF;
        if (valueOnly) {
            for (Object k : node.keySet()) {
                String key = String.valueOf(k);
                boolean intOrString = level == Level.INT_OR_STRING && key.equals("type")
                        && ("integer".equals(node.get("type")) || "string".equals(node.get("type")));
                if (STRUCTURE.contains(key) && !intOrString && !Boolean.FALSE.equals(node.get(key))) {
                    sink.report(JsonPointer.append(ptr, key), key + " may not be set under allOf, anyOf, oneOf or"
                            + " not (a structural schema declares it in its own nodes only)");
                }
            }
            return;
        }
        Object type = node.get("type");
        boolean untyped = type == null || "".equals(type);
        boolean embedded = Boolean.TRUE.equals(node.get("x-kubernetes-embedded-resource"));
        boolean preserves = Boolean.TRUE.equals(node.get("x-kubernetes-preserve-unknown-fields"));
        if (embedded && !"object".equals(type)) {
            sink.report(JsonPointer.append(ptr, "type"), "must be object when x-kubernetes-embedded-resource is true");
        } else if (untyped && level != Level.ROOT && !preserves
                && !Boolean.TRUE.equals(node.get("x-kubernetes-int-or-string"))) {
            sink.report(JsonPointer.append(ptr, "type"), "required field is missing: type (a structural schema gives"
                    + " every " + (level == Level.ITEMS ? "list's items" : "field") + " a type)");
        }
        if (embedded && !preserves && !(node.get("properties") instanceof Map<?, ?> p && !p.isEmpty())) {
            sink.report(JsonPointer.append(ptr, "properties"), "required field is missing: properties (an embedded"
                    + " resource without x-kubernetes-preserve-unknown-fields declares its fields)");
        }
        if ("array".equals(type) && node.get("items") == null) {
            sink.report(JsonPointer.append(ptr, "items"), "required field is missing: items (a list's items need a"
                    + " schema)");
        }
    }

    private static void keyword(String key, Object v, Map<?, ?> node, String at, Level level, boolean structural,
            StructuralSchema.Sink sink) {
        boolean valueOnly = level == Level.VALUE || level == Level.INT_OR_STRING || level == Level.INT_OR_STRING_ALL_OF;
        if (v == null) {
            return;
        }
        if (FLAGS.contains(key)) {
            if (!(v instanceof Boolean)) {
                sink.report(at, "must be a boolean (true or false), not " + SchemaKeywords.describe(v));
            } else if (key.equals("uniqueItems") && (Boolean) v) {
                sink.report(at, "uniqueItems cannot be true in a CustomResourceDefinition's schema (the API server"
                        + " refuses it: its runtime complexity is quadratic)");
            }
        } else if (NUMBERS.contains(key)) {
            if (!(v instanceof Number) || SchemaKeywords.decimal(v) == null) {
                sink.report(at, "must be a number, not " + SchemaKeywords.describe(v));
            }
        } else if (COUNTS.contains(key)) {
            if (!SchemaKeywords.isInteger(v)) {
                sink.report(at, "must be an integer, not " + SchemaKeywords.describe(v));
            }
        } else {
            switch (key) {
                case "type" -> {
                    if (!(v instanceof String t)) {
                        sink.report(at, "must be a string, not " + SchemaKeywords.describe(v));
                    } else if (!t.isEmpty() && !TYPES.contains(t)) {
                        sink.report(at, "unsupported value '" + t + "': must be one of array, boolean, integer,"
                                + " number, object, string");
                    }
                }
                case "pattern" -> {
                    if (!(v instanceof String p)) {
                        sink.report(at, "must be a string, not " + SchemaKeywords.describe(v));
                    } else {
                        try {
                            SchemaKeywords.compile(p);
                        } catch (PatternSyntaxException e) {
                            sink.report(at, "'" + p + "' is not a regular expression: "
                                    + e.getDescription());
                        }
                    }
                }
                case "format", "description", "title", "x-kubernetes-list-type", "x-kubernetes-map-type" -> {
                    if (!(v instanceof String)) {
                        sink.report(at, "must be a string, not " + SchemaKeywords.describe(v));
                    }
                }
                case "enum" -> {
                    if (!(v instanceof List<?>)) {
                        sink.report(at, "must be a list, not " + SchemaKeywords.describe(v));
                    }
                }
                case "required", "x-kubernetes-list-map-keys" -> strings(v, at, sink);
                case "items" -> {
                    if (v instanceof List<?>) {
                        sink.report(at, "must be one schema, not a list (a list of schemas is not supported)");
                    } else {
                        node(v, at, valueOnly ? Level.VALUE : Level.ITEMS, structural, sink);
                    }
                }
                case "not" -> node(v, at, Level.VALUE, structural, sink);
                case "allOf", "anyOf", "oneOf" -> {
                    if (!(v instanceof List<?> l)) {
                        sink.report(at, "must be a list, not " + SchemaKeywords.describe(v));
                    } else {
                        boolean ios = Boolean.TRUE.equals(node.get("x-kubernetes-int-or-string"));
                        Level sub = key.equals("anyOf") && (ios || level == Level.INT_OR_STRING_ALL_OF)
                                ? Level.INT_OR_STRING : key.equals("allOf") && ios ? Level.INT_OR_STRING_ALL_OF
                                : Level.VALUE;
                        for (int i = 0; i < l.size(); i++) {
                            node(l.get(i), JsonPointer.append(at, i), sub, structural, sink);
                        }
                    }
                }
                case "properties" -> {
                    if (!(v instanceof Map<?, ?> props)) {
                        sink.report(at, "must be an object, not " + SchemaKeywords.describe(v));
                    } else {
                        for (Map.Entry<?, ?> p : props.entrySet()) {
                            node(p.getValue(), JsonPointer.append(at, String.valueOf(p.getKey())),
                                    valueOnly ? Level.VALUE : Level.FIELD, structural, sink);
                        }
                    }
                }
                case "additionalProperties" -> {
                    if (node.get("properties") instanceof Map<?, ?> props && !props.isEmpty()) {
                        sink.report(at, "additionalProperties and properties are mutually exclusive");
                    } else if (!(v instanceof Boolean)) {
                        node(v, at, valueOnly ? Level.VALUE : Level.FIELD, structural, sink);
                    }
                }
                default -> {
                    // default, example, externalDocs, x-kubernetes-validations: any value
                }
            }
        }
    }

    private static void strings(Object v, String at, StructuralSchema.Sink sink) {
        if (!(v instanceof List<?> l)) {
            sink.report(at, "must be a list, not " + SchemaKeywords.describe(v));
            return;
        }
        for (int i = 0; i < l.size(); i++) {
            if (!(l.get(i) instanceof String)) {
                sink.report(JsonPointer.append(at, i), "must be a string, not " + SchemaKeywords.describe(l.get(i)));
            }
        }
    }
}
