package dev.osk.render.validate.crd;

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
 * {@code uniqueItems: true}, {@code additionalProperties} beside {@code properties}).
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

    private CrdSchemaRules() {
    }

    /** Reports every problem of the schema node {@code s} at {@code ptr} (a pointer into the definition). */
    static void check(Object s, String ptr, StructuralSchema.Sink sink) {
        if (!(s instanceof Map<?, ?> node)) {
            sink.report(ptr, "must be an object (a schema), not " + SchemaKeywords.describe(s));
            return;
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
                keyword(key, v, node, at, sink);
            }
        }
    }

    private static void keyword(String key, Object v, Map<?, ?> node, String at, StructuralSchema.Sink sink) {
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
                        check(v, at, sink);
                    }
                }
                case "not" -> check(v, at, sink);
                case "allOf", "anyOf", "oneOf" -> {
                    if (!(v instanceof List<?> l)) {
                        sink.report(at, "must be a list, not " + SchemaKeywords.describe(v));
                    } else {
                        for (int i = 0; i < l.size(); i++) {
                            check(l.get(i), JsonPointer.append(at, i), sink);
                        }
                    }
                }
                case "properties" -> {
                    if (!(v instanceof Map<?, ?> props)) {
                        sink.report(at, "must be an object, not " + SchemaKeywords.describe(v));
                    } else {
                        for (Map.Entry<?, ?> p : props.entrySet()) {
                            check(p.getValue(), JsonPointer.append(at, String.valueOf(p.getKey())), sink);
                        }
                    }
                }
                case "additionalProperties" -> {
                    if (node.get("properties") instanceof Map<?, ?> props && !props.isEmpty()) {
                        sink.report(at, "additionalProperties and properties are mutually exclusive");
                    } else if (!(v instanceof Boolean)) {
                        check(v, at, sink);
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
