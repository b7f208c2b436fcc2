package dev.osk.render.validate.crd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.render.yaml.YamlReader;
import dev.osk.render.yaml.YamlSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The schema walk, keyword by keyword: each accepts what the API server accepts and rejects what it rejects,
 * with the pointer and message a user sees. Schemas and values are written as YAML, read as osk reads manifests.
 */
class StructuralSchemaTest {
    private static final YamlReader YAML = new YamlReader(YamlSchema.KUBE);

    private static Object yaml(String text) {
        return YAML.readOne(text, "test").value();
    }

    /** The problems of {@code spec: VALUE} against a root whose {@code spec} has schema {@code SCHEMA}. */
    private static List<String> problems(String schema, String value) {
        return problems(schema, value, false, true);
    }

    private static List<String> problems(String schema, String value, boolean preserveUnknown) {
        return problems(schema, value, preserveUnknown, true);
    }

    @SuppressWarnings("unchecked")
    private static List<String> problems(String schema, String value, boolean preserveUnknown,
            boolean serverChecksFields) {
        Map<String, Object> spec = (Map<String, Object>) yaml(schema);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("type", "object");
        root.put("properties", new LinkedHashMap<>(Map.of("spec", spec)));
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("apiVersion", "example.com/v1");
        resource.put("kind", "Widget");
        resource.put("metadata", new LinkedHashMap<>(Map.of("name", "w")));
        resource.put("spec", yaml("v: " + value + "\n") instanceof Map<?, ?> m ? m.get("v") : null);
        List<String> out = new ArrayList<>();
        new StructuralSchema(root, preserveUnknown).validate(resource, serverChecksFields,
                (ptr, msg) -> out.add(ptr + ": " + msg));
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "string  | '\"a\"'    | ",
        "string  | 3          | /spec: must be a string, not the integer 3",
        "string  | true       | /spec: must be a string, not the boolean true",
        "integer | 3          | ",
        "integer | 3.0        | ",
        "integer | 3.5        | /spec: must be an integer, not the number 3.5",
        "integer | '\"3\"'    | /spec: must be an integer, not the string \"3\"",
        "number  | 3.5        | ",
        "number  | 3          | ",
        "number  | '\"3.5\"'  | /spec: must be a number, not the string \"3.5\"",
        "boolean | false      | ",
        "boolean | '\"true\"' | /spec: must be a boolean (true or false), not the string \"true\"",
        "boolean | yes        | ",
        "object  | '{}'       | ",
        "object  | '[]'       | /spec: must be an object, not a list",
        "array   | '[]'       | ",
        "array   | '{}'       | /spec: must be a list, not an object",
        "string  | null       | ",
    })
    void types(String type, String value, String expected) {
        assertThat(problems("type: " + type, value)).isEqualTo(expected == null ? List.of() : List.of(expected));
    }

    @Test
    void nullableAcceptsNull() {
        assertThat(problems("{type: string, nullable: true}", "null")).isEmpty();
        assertThat(problems("{type: string, nullable: true}", "3"))
                .containsExactly("/spec: must be a string, not the integer 3");
    }

    @Test
    void aNullFieldThatMayNotBeNullIsPrunedAsIfAbsent() {
        String schema = "{type: object, required: [size], properties: {size: {type: integer},"
                + " note: {type: string}, tags: {type: array, items: {type: string}},"
                + " labels: {type: object, additionalProperties: {type: string}}}}";
        assertThat(problems(schema, "{size: 1, note: null, tags: null, labels: null}")).isEmpty();
        assertThat(problems(schema, "{size: null}")).containsExactly("/spec/size: required field is missing: size");
        assertThat(problems("{type: object, required: [a], properties: {a: {type: string, nullable: true}}}",
                "{a: null}")).isEmpty();
        // list items and map values are not fields: a null there stays, and is of the wrong type
        assertThat(problems(schema, "{size: 1, tags: [a, null]}"))
                .containsExactly("/spec/tags/1: must be a string, not null");
        assertThat(problems(schema, "{size: 1, labels: {tier: null}}"))
                .containsExactly("/spec/labels/tier: must be a string, not null");
    }

    @Test
    void intOrStringAcceptsBothAndNothingElse() {
        assertThat(problems("{x-kubernetes-int-or-string: true}", "8080")).isEmpty();
        assertThat(problems("{x-kubernetes-int-or-string: true}", "http")).isEmpty();
        assertThat(problems("{x-kubernetes-int-or-string: true}", "1.5"))
                .containsExactly("/spec: must be an integer or a string, not the number 1.5");
        assertThat(problems("{x-kubernetes-int-or-string: true}", "[1]"))
                .containsExactly("/spec: must be an integer or a string, not a list");
    }

    @Test
    void propertiesAndUnknownFields() {
        String schema = "{type: object, properties: {replicas: {type: integer}, image: {type: string}}}";
        assertThat(problems(schema, "{replicas: 2, image: x}")).isEmpty();
        assertThat(problems(schema, "{replicas: '2'}")).containsExactly("/spec/replicas: must be an integer, not the"
                + " string \"2\"");
        assertThat(problems(schema, "{replica: 2}"))
                .containsExactly("/spec/replica: unknown field \"replica\" (did you mean \"replicas\"?)");
        assertThat(problems(schema, "{zzz: 2}")).containsExactly("/spec/zzz: unknown field \"zzz\"");
        assertThat(problems("{type: object}", "{a: 1}")).containsExactly("/spec/a: unknown field \"a\"");
    }

    @Test
    void requiredFields() {
        String schema = "{type: object, required: [size], properties: {size: {type: integer}}}";
        assertThat(problems(schema, "{size: 3}")).isEmpty();
        assertThat(problems(schema, "{}")).containsExactly("/spec/size: required field is missing: size");
    }

    @Test
    void aRequiredFieldWithADefaultMayBeLeftOutFrom125() {
        // from 1.25 the server fills it in before it checks; osk does not write the default into the object
        String schema = "{type: object, required: [size], properties: {size: {type: integer, default: 1}}}";
        assertThat(problems(schema, "{}")).isEmpty();
        assertThat(problems(schema, "{size: null}")).isEmpty();
        // before, kubectl checks required fields against the published schema, which has no defaults
        assertThat(problems(schema, "{}", false, false)).containsExactly("/spec/size: required field is missing: size");
        assertThat(problems(schema, "{size: x}")).containsExactly("/spec/size: must be an integer, not the string \"x\"");
        // a default only fills in fields of an object that is there
        assertThat(problems("{type: object, required: [spec], properties: {spec: {type: object, default: {}}}}",
                "{}")).isEmpty();
    }

    @Test
    void additionalProperties() {
        assertThat(problems("{type: object, additionalProperties: {type: string}}", "{a: p, b: q}")).isEmpty();
        assertThat(problems("{type: object, additionalProperties: {type: string}}", "{a: x, b: 2}"))
                .containsExactly("/spec/b: must be a string, not the integer 2");
        assertThat(problems("{type: object, additionalProperties: true}", "{a: [1, {b: 2}]}")).isEmpty();
        assertThat(problems("{type: object, additionalProperties: false}", "{a: 1}"))
                .containsExactly("/spec/a: unknown field \"a\"");
    }

    @Test
    void items() {
        String schema = "{type: array, items: {type: object, properties: {name: {type: string}}}}";
        assertThat(problems(schema, "[{name: a}, {name: b}]")).isEmpty();
        assertThat(problems(schema, "[{name: a}, {name: 2}, {nam: c}]")).containsExactly(
                "/spec/1/name: must be a string, not the integer 2",
                "/spec/2/nam: unknown field \"nam\" (did you mean \"name\"?)");
    }

    @Test
    void enumComparesJsonValues() {
        assertThat(problems("{type: string, enum: [Always, Never]}", "Never")).isEmpty();
        assertThat(problems("{type: string, enum: [Always, Never]}", "never"))
                .containsExactly("/spec: unsupported value 'never': must be one of Always, Never");
        assertThat(problems("{type: number, enum: [1, 2.5]}", "1.0")).isEmpty();
        assertThat(problems("{type: number, enum: [1, 2.5]}", "2"))
                .containsExactly("/spec: unsupported value 2: must be one of 1, 2.5");
    }

    @Test
    void patternMatchesAnywhereUnlessAnchored() {
        assertThat(problems("{type: string, pattern: '[0-9]+'}", "abc123")).isEmpty();
        assertThat(problems("{type: string, pattern: '^[0-9]+$'}", "abc123"))
                .containsExactly("/spec: 'abc123' does not match the pattern '^[0-9]+$'");
        assertThat(problems("{type: string, pattern: '^(?P<n>[a-z]+)$'}", "abc")).isEmpty();
    }

    @Test
    void lengthsCountCharactersNotBytes() {
        assertThat(problems("{type: string, maxLength: 3}", "äöü")).isEmpty();
        assertThat(problems("{type: string, maxLength: 3}", "abcd"))
                .containsExactly("/spec: must be at most 3 characters long, not 4");
        assertThat(problems("{type: string, minLength: 2}", "ab")).isEmpty();
        assertThat(problems("{type: string, minLength: 2}", "a"))
                .containsExactly("/spec: must be at least 2 characters long, not 1");
    }

    @Test
    void minimumAndMaximum() {
        assertThat(problems("{type: integer, minimum: 1, maximum: 10}", "1")).isEmpty();
        assertThat(problems("{type: integer, minimum: 1, maximum: 10}", "10")).isEmpty();
        assertThat(problems("{type: integer, minimum: 1, maximum: 10}", "0"))
                .containsExactly("/spec: must be at least 1, not 0");
        assertThat(problems("{type: integer, minimum: 1, maximum: 10}", "11"))
                .containsExactly("/spec: must be at most 10, not 11");
        assertThat(problems("{type: number, minimum: 0, exclusiveMinimum: true}", "0.001")).isEmpty();
        assertThat(problems("{type: number, minimum: 0, exclusiveMinimum: true}", "0"))
                .containsExactly("/spec: must be greater than 0, not 0");
        assertThat(problems("{type: number, maximum: 1.5, exclusiveMaximum: true}", "1.5"))
                .containsExactly("/spec: must be less than 1.5, not 1.5");
    }

    @Test
    void multipleOf() {
        assertThat(problems("{type: integer, multipleOf: 5}", "15")).isEmpty();
        assertThat(problems("{type: integer, multipleOf: 5}", "7")).containsExactly("/spec: must be a multiple of 5, not 7");
        assertThat(problems("{type: number, multipleOf: 0.1}", "0.3")).isEmpty();
    }

    @Test
    void itemCountsAndUniqueItems() {
        assertThat(problems("{type: array, minItems: 1, maxItems: 2}", "[a]")).isEmpty();
        assertThat(problems("{type: array, minItems: 1, maxItems: 2}", "[]"))
                .containsExactly("/spec: must have at least 1 item, not 0");
        assertThat(problems("{type: array, minItems: 1, maxItems: 2}", "[a, b, c]"))
                .containsExactly("/spec: must have at most 2 items, not 3");
        assertThat(problems("{type: array, uniqueItems: true}", "[1, 2, {a: 1}]")).isEmpty();
        assertThat(problems("{type: array, uniqueItems: true}", "[1, {a: 1}, 1.0, {a: 1}]")).containsExactly(
                "/spec/2: repeats item 0 (the items must be unique)",
                "/spec/3: repeats item 1 (the items must be unique)");
    }

    @Test
    void listTypeSetAndMapHoldNoDuplicates() {
        assertThat(problems("{type: array, x-kubernetes-list-type: set, items: {type: string}}", "[a, b]")).isEmpty();
        assertThat(problems("{type: array, x-kubernetes-list-type: set, items: {type: string}}", "[a, b, a]"))
                .containsExactly("/spec/2: duplicate value: repeats item 0 (x-kubernetes-list-type set)");
        assertThat(problems("{type: array, x-kubernetes-list-type: atomic, items: {type: string}}", "[a, a]")).isEmpty();
        String map = "{type: array, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [name, proto], items:"
                + " {type: object, required: [name], properties: {name: {type: string},"
                + " proto: {type: string, default: TCP}, port: {type: integer}}}}";
        assertThat(problems(map, "[{name: a, proto: TCP}, {name: a, proto: UDP}, {name: b}]")).isEmpty();
        assertThat(problems(map, "[{name: a, proto: TCP, port: 1}, {name: a, proto: TCP, port: 2}]")).containsExactly(
                "/spec/1: duplicate entry: the keys of item 0 (name=a, proto=TCP; x-kubernetes-list-type map)");
        // a key left out has its default, as the server compares after defaulting
        assertThat(problems(map, "[{name: a}, {name: a, proto: TCP}]")).containsExactly(
                "/spec/1: duplicate entry: the keys of item 0 (name=a, proto=TCP; x-kubernetes-list-type map)");
    }

    @Test
    void propertyCounts() {
        String schema = "{type: object, additionalProperties: {type: string}, minProperties: 1, maxProperties: 2}";
        assertThat(problems(schema, "{a: x}")).isEmpty();
        assertThat(problems(schema, "{}")).containsExactly("/spec: must have at least 1 field, not 0");
        assertThat(problems(schema, "{a: p, b: q, c: r}")).containsExactly("/spec: must have at most 2 fields, not 3");
    }

    @Test
    void preserveUnknownFieldsKeepsWhatTheSchemaDoesNotDeclare() {
        String schema = "{type: object, x-kubernetes-preserve-unknown-fields: true, properties: {size: {type: integer}}}";
        assertThat(problems(schema, "{size: 1, anything: {at: [all]}}")).isEmpty();
        assertThat(problems(schema, "{size: x}")).containsExactly("/spec/size: must be an integer, not the string \"x\"");
        // it reaches down to nodes that declare no fields, not into those that do
        String nested = "{type: object, x-kubernetes-preserve-unknown-fields: true, properties: {"
                + "free: {type: object}, strict: {type: object, properties: {a: {type: string}}}}}";
        assertThat(problems(nested, "{free: {x: 1}}")).isEmpty();
        assertThat(problems(nested, "{strict: {zzz: 1}}")).containsExactly("/spec/strict/zzz: unknown field \"zzz\"");
    }

    @Test
    void beforeServerSideFieldValidationNothingBelowAPreservingNodeIsUnknown() {
        // kubectl finds unknown fields in the published OpenAPI document, which has no fields below such a node,
        // and the server drops the ones it does not know silently; from 1.25 the server reports them
        String nested = "{type: object, x-kubernetes-preserve-unknown-fields: true, properties: {"
                + "strict: {type: object, properties: {a: {type: string}}}}}";
        assertThat(problems(nested, "{strict: {zzz: 1}}", false, false)).isEmpty();
        assertThat(problems(nested, "{strict: {a: 1}}", false, false))
                .containsExactly("/spec/strict/a: must be a string, not the integer 1");
        assertThat(problems(nested, "{strict: {zzz: 1}}", false, true))
                .containsExactly("/spec/strict/zzz: unknown field \"zzz\"");
        String plain = "{type: object, properties: {a: {type: string}}}";
        assertThat(problems(plain, "{zzz: 1}", false, false)).containsExactly("/spec/zzz: unknown field \"zzz\"");
    }

    @Test
    void aDefinitionThatPreservesUnknownFieldsEverywhere() {
        assertThat(problems("{type: object, properties: {a: {type: string}}}", "{a: x, b: 1}", true)).isEmpty();
        assertThat(problems("{type: object, properties: {a: {type: string}}}", "{a: 1}", true))
                .containsExactly("/spec/a: must be a string, not the integer 1");
    }

    @Test
    void embeddedResourceNeedsApiVersionAndKind() {
        String schema = "{type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}";
        assertThat(problems(schema, "{apiVersion: v1, kind: ConfigMap, metadata: {name: a}, data: {}}")).isEmpty();
        assertThat(problems(schema, "{metadata: {name: a}}")).containsExactly(
                "/spec/apiVersion: required field is missing: apiVersion", "/spec/kind: required field is missing: kind");
        assertThat(problems("{type: object, x-kubernetes-embedded-resource: true, properties: {spec: {type: object}}}",
                "{apiVersion: v1, kind: X, metadata: {}, spec: {}}")).isEmpty();
        assertThat(problems("{type: object, x-kubernetes-embedded-resource: true}",
                "{apiVersion: v1, kind: X, metadata: 3}")).containsExactly("/spec/metadata: must be an object, not the"
                + " integer 3");
    }

    @Test
    void allOfChecksEverySchema() {
        String schema = "{type: string, allOf: [{minLength: 2}, {pattern: '^a'}]}";
        assertThat(problems(schema, "ab")).isEmpty();
        assertThat(problems(schema, "b")).containsExactly("/spec: must be at least 2 characters long, not 1",
                "/spec: 'b' does not match the pattern '^a'");
    }

    @Test
    void anyOfNeedsOne() {
        String schema = "{x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string, pattern: '^[0-9]+%$'}]}";
        assertThat(problems(schema, "3")).isEmpty();
        assertThat(problems(schema, "50%")).isEmpty();
        assertThat(problems(schema, "half")).containsExactly("/spec: must match at least one of the 2 schemas of anyOf");
    }

    @Test
    void oneOfNeedsExactlyOne() {
        String schema = "{type: object, properties: {a: {type: string}, b: {type: string}},"
                + " oneOf: [{required: [a]}, {required: [b]}]}";
        assertThat(problems(schema, "{a: x}")).isEmpty();
        assertThat(problems(schema, "{a: p, b: q}"))
                .containsExactly("/spec: must match exactly one of the 2 schemas of oneOf, not 2");
        assertThat(problems(schema, "{}")).containsExactly("/spec: must match exactly one of the 2 schemas of oneOf, not 0");
    }

    @Test
    void notRejectsAMatch() {
        String schema = "{type: object, properties: {a: {type: string}}, not: {required: [a]}}";
        assertThat(problems(schema, "{}")).isEmpty();
        assertThat(problems(schema, "{a: x}")).containsExactly("/spec: must not match the schema of not");
    }

    @Test
    void combinedSchemasDeclareNoFields() {
        // a field only a schema under anyOf names is still unknown to the structure
        String schema = "{type: object, properties: {a: {type: string}}, anyOf: [{properties: {zzz: {type: string}}}]}";
        assertThat(problems(schema, "{zzz: x}")).containsExactly("/spec/zzz: unknown field \"zzz\"");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "date-time    | 2024-02-29T12:30:00Z       | true",
        "date-time    | 2024-02-29t12:30:00.5+01:00 | true",
        "date-time    | 2023-02-29T12:30:00Z       | false",
        "date-time    | 2024-01-01 12:30:00Z       | false",
        "date-time    | 2024-01-01T12:30:00        | false",
        "datetime     | 2024-01-01T24:00:00Z       | false",
        "date         | 2024-12-31                 | true",
        "date         | 2024-13-01                 | false",
        "uuid         | 123e4567-e89b-12d3-a456-426614174000 | true",
        "uuid         | 123E4567E89B12D3A456426614174000 | true",
        "uuid         | 123e4567-e89b-12d3-a456    | false",
        "uuid4        | 123e4567-e89b-42d3-a456-426614174000 | true",
        "uuid4        | 123e4567-e89b-12d3-a456-426614174000 | false",
        "ipv4         | 192.168.0.1                | true",
        "ipv4         | 192.168.0.256              | false",
        "ipv4         | 192.168.00.1               | false",
        "ipv6         | fe80::1                    | true",
        "ipv6         | ::ffff:10.0.0.1            | true",
        "ipv6         | 1::2::3                    | false",
        "ipv6         | 10.0.0.1                   | false",
        "cidr         | 10.0.0.0/8                 | true",
        "cidr         | fd00::/64                  | true",
        "cidr         | 10.0.0.0/33                | false",
        "cidr         | 10.0.0.0                   | false",
        "mac          | 00:1a:2B:3c:4d:5e          | true",
        "mac          | 0001.0203.0405             | true",
        "mac          | 00:1a:2b:3c:4d             | false",
        "hostname     | node-1.example.com         | true",
        "hostname     | -node                      | false",
        "bsonobjectid | 507f1f77bcf86cd799439011   | true",
        "bsonobjectid | 507f1f77bcf86cd79943901    | false",
        "byte         | aGVsbG8=                   | true",
        "byte         | aGVsbG8                    | false",
        "duration     | 1h30m                      | true",
        "duration     | 3 days                     | true",
        "duration     | soon                       | false",
        "uri          | https://example.com/x      | true",
        "uri          | /only/a/path               | true",
        "uri          | example.com                | false",
        "email        | ops@example.com            | true",
        "email        | ops.example.com            | false",
        "hexcolor     | #a0f                       | true",
        "hexcolor     | #a0fg                      | false",
        "int32        | not checked                | true",
        "int64        | 99999999999999999999       | true",
        "password     | anything                   | true",
        "no-such-format | anything                 | true",
    })
    void formats(String format, String value, boolean valid) {
        List<String> found = problems("{type: string, format: " + format + "}", "'" + value + "'");
        if (valid) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).hasSize(1);
            assertThat(found.get(0)).startsWith("/spec: '" + value + "' is not a valid " + format);
        }
    }

    @Test
    void dateTimeMessageSaysWhatItLooksLike() {
        assertThat(problems("{type: string, format: date-time}", "yesterday")).containsExactly(
                "/spec: 'yesterday' is not a valid date-time (RFC 3339, like 2006-01-02T15:04:05Z)");
    }

    @Test
    void theResourceMayAlwaysHoldApiVersionKindAndMetadata() {
        Map<String, Object> root = new LinkedHashMap<>(Map.of("type", "object"));
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("apiVersion", "example.com/v1");
        resource.put("kind", "Widget");
        resource.put("metadata", new LinkedHashMap<>(Map.of("name", "w", "labels", Map.of("a", "b"))));
        resource.put("status", Map.of());
        List<String> out = new ArrayList<>();
        new StructuralSchema(root, false).validate(resource, true, (ptr, msg) -> out.add(ptr + ": " + msg));
        assertThat(out).containsExactly("/status: unknown field \"status\"");
    }

    @Test
    void metadataNameFollowsWhatTheSchemaSaysOfIt() {
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) yaml("type: object\nproperties:\n  metadata:\n"
                + "    type: object\n    properties:\n      name: {type: string, maxLength: 5}\n");
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("apiVersion", "example.com/v1");
        resource.put("kind", "Widget");
        resource.put("metadata", new LinkedHashMap<>(Map.of("name", "toolong", "namespace", "x")));
        List<String> out = new ArrayList<>();
        new StructuralSchema(root, false).validate(resource, true, (ptr, msg) -> out.add(ptr + ": " + msg));
        assertThat(out).containsExactly("/metadata/name: must be at most 5 characters long, not 7");
    }

    @Test
    void noSchemaChecksNothing() {
        List<String> out = new ArrayList<>();
        new StructuralSchema(null, false).validate(new LinkedHashMap<>(Map.of("spec", Map.of("a", 1))), true,
                (ptr, msg) -> out.add(ptr + ": " + msg));
        assertThat(out).isEmpty();
    }
}
