package dev.osk.render.validate.crd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.render.yaml.YamlDocument;
import dev.osk.render.yaml.YamlReader;
import dev.osk.render.yaml.YamlSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which versions a CustomResourceDefinition serves with which schema, and what is wrong with its schemas. */
class CrdSchemasTest {
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(String yaml) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (YamlDocument d : new YamlReader(YamlSchema.KUBE).readAll(yaml, "test")) {
            out.add((Map<String, Object>) d.value());
        }
        return out;
    }

    private static List<String> check(CrdSchemas crds, String resource) {
        Map<String, Object> cr = objects(resource).get(0);
        String apiVersion = (String) cr.get("apiVersion");
        CrdSchemas.Definition d = crds.find(apiVersion.substring(0, apiVersion.indexOf('/')), (String) cr.get("kind"));
        assertThat(d).as("definition of %s", cr.get("kind")).isNotNull();
        List<String> out = new ArrayList<>();
        d.check(cr, true, (ptr, msg) -> out.add(ptr + ": " + msg));
        return out;
    }

    private static final String V1 = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              scope: Namespaced
              names: {plural: widgets, kind: Widget}
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec: {type: object, properties: {size: {type: integer}}}
              - name: v1alpha1
                served: false
                storage: false
                schema:
                  openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
            """;

    @Test
    void v1ServedVersionsAndTheirSchemas() {
        CrdSchemas crds = CrdSchemas.of(objects(V1));
        assertThat(crds.problems(objects(V1).get(0))).isEmpty();
        assertThat(check(crds, "{apiVersion: example.com/v1, kind: Widget, metadata: {name: a}, spec: {size: 1}}"))
                .isEmpty();
        assertThat(check(crds, "{apiVersion: example.com/v1, kind: Widget, metadata: {name: a}, spec: {size: x}}"))
                .containsExactly("/spec/size: must be an integer, not the string \"x\"");
        assertThat(check(crds, "{apiVersion: example.com/v1alpha1, kind: Widget, metadata: {name: a}}"))
                .containsExactly("/apiVersion: apiVersion 'example.com/v1alpha1' is not a served version of"
                        + " CustomResourceDefinition widgets.example.com (served: v1)");
        assertThat(check(crds, "{apiVersion: example.com/v2, kind: Widget, metadata: {name: a}}"))
                .containsExactly("/apiVersion: apiVersion 'example.com/v2' is not a served version of"
                        + " CustomResourceDefinition widgets.example.com (served: v1)");
        assertThat(crds.find("example.org", "Widget")).isNull();
        assertThat(crds.find("example.com", "Gadget")).isNull();
    }

    @Test
    void v1beta1CommonSchemaAndPreservedUnknownFields() {
        String crd = """
                apiVersion: apiextensions.k8s.io/v1beta1
                kind: CustomResourceDefinition
                metadata: {name: gadgets.example.com}
                spec:
                  group: example.com
                  version: v1beta1
                  names: {plural: gadgets, kind: Gadget}
                  validation:
                    openAPIV3Schema:
                      properties:
                        spec: {properties: {size: {type: integer, minimum: 1}}}
                """;
        CrdSchemas crds = CrdSchemas.of(objects(crd));
        assertThat(crds.problems(objects(crd).get(0))).isEmpty();
        // preserveUnknownFields is true unless set to false: unknown fields are kept, values still checked
        assertThat(check(crds, "{apiVersion: example.com/v1beta1, kind: Gadget, metadata: {name: a},"
                + " spec: {size: 1, other: x}}")).isEmpty();
        assertThat(check(crds, "{apiVersion: example.com/v1beta1, kind: Gadget, metadata: {name: a},"
                + " spec: {size: 0}}")).containsExactly("/spec/size: must be at least 1, not 0");
        CrdSchemas pruning = CrdSchemas.of(objects(crd.replace("  version: v1beta1\n",
                "  version: v1beta1\n  preserveUnknownFields: false\n")));
        assertThat(check(pruning, "{apiVersion: example.com/v1beta1, kind: Gadget, metadata: {name: a},"
                + " spec: {size: 1, other: x}}")).containsExactly("/spec/other: unknown field \"other\"");
    }

    @Test
    void v1beta1PerVersionSchemas() {
        String crd = """
                apiVersion: apiextensions.k8s.io/v1beta1
                kind: CustomResourceDefinition
                metadata: {name: gadgets.example.com}
                spec:
                  group: example.com
                  preserveUnknownFields: false
                  names: {plural: gadgets, kind: Gadget}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema: {openAPIV3Schema: {type: object, properties: {spec: {type: string}}}}
                  - name: v2
                    served: true
                    storage: false
                    schema: {openAPIV3Schema: {type: object, properties: {spec: {type: integer}}}}
                """;
        CrdSchemas crds = CrdSchemas.of(objects(crd));
        assertThat(check(crds, "{apiVersion: example.com/v1, kind: Gadget, metadata: {name: a}, spec: s}")).isEmpty();
        assertThat(check(crds, "{apiVersion: example.com/v2, kind: Gadget, metadata: {name: a}, spec: s}"))
                .containsExactly("/spec: must be an integer, not the string \"s\"");
    }

    @Test
    void theFirstDefinitionOfAKindCounts() {
        List<Map<String, Object>> two = new ArrayList<>(objects(V1));
        two.addAll(objects(V1.replace("size: {type: integer}", "size: {type: string}")));
        assertThat(check(CrdSchemas.of(two), "{apiVersion: example.com/v1, kind: Widget, metadata: {name: a},"
                + " spec: {size: 1}}")).isEmpty();
    }

    @Test
    void otherObjectsDefineNothing() {
        assertThat(CrdSchemas.isDefinition(objects("{apiVersion: v1, kind: ConfigMap}").get(0))).isFalse();
        assertThat(CrdSchemas.isDefinition(objects("{apiVersion: example.com/v1, kind: CustomResourceDefinition}")
                .get(0))).isFalse();
        CrdSchemas none = CrdSchemas.of(objects("{apiVersion: v1, kind: ConfigMap, metadata: {name: a}}"));
        assertThat(none.find("", "ConfigMap")).isNull();
    }

    @Test
    void schemaProblemsAreReportedAtTheirPlaceInTheDefinition() {
        String crd = V1.replace("spec: {type: object, properties: {size: {type: integer}}}",
                "spec: {type: object, propertes: {}, properties: {size: {type: int}, tags: {type: array,"
                + " uniqueItems: true, items: [{type: string}]}, name: {type: string, pattern: '[a-'},"
                + " ref: {type: string, $ref: '#/x'}, free: {type: object, properties: {a: {type: string}},"
                + " additionalProperties: {type: string}}, big: {type: integer, maximum: x}}}");
        Map<String, Object> obj = objects(crd).get(0);
        List<String> found = new ArrayList<>();
        for (CrdSchemas.Problem p : CrdSchemas.of(List.of(obj)).problems(obj)) {
            found.add(p.pointer() + ": " + p.message());
        }
        String at = "/spec/versions/0/schema/openAPIV3Schema/properties/spec";
        assertThat(found).containsExactly(
                at + "/propertes: unknown field \"propertes\" (did you mean \"properties\"?)",
                at + "/properties/size/type: unsupported value 'int': must be one of array, boolean, integer, number,"
                        + " object, string",
                at + "/properties/tags/uniqueItems: uniqueItems cannot be true in a CustomResourceDefinition's schema"
                        + " (the API server refuses it: its runtime complexity is quadratic)",
                at + "/properties/tags/items: must be one schema, not a list (a list of schemas is not supported)",
                at + "/properties/name/pattern: '[a-' is not a regular expression: Illegal character range",
                at + "/properties/ref/$ref: $ref is not supported in a CustomResourceDefinition's schema",
                at + "/properties/free/additionalProperties: additionalProperties and properties are mutually"
                        + " exclusive",
                at + "/properties/big/maximum: must be a number, not the string \"x\"");
    }

    private static List<String> problemsOf(String specSchema, String apiVersion) {
        String crd = V1.replace("spec: {type: object, properties: {size: {type: integer}}}", "spec: " + specSchema)
                .replace("apiextensions.k8s.io/v1", apiVersion);
        Map<String, Object> obj = objects(crd).get(0);
        List<String> found = new ArrayList<>();
        for (CrdSchemas.Problem p : CrdSchemas.of(List.of(obj)).problems(obj)) {
            found.add(p.pointer().replace("/spec/versions/0/schema/openAPIV3Schema/properties/spec", "") + ": "
                    + p.message());
        }
        return found;
    }

    @Test
    void v1SchemasAreStructural() {
        String v1 = "apiextensions.k8s.io/v1";
        assertThat(problemsOf("{type: object, properties: {a: {}}}", v1)).containsExactly(
                "/properties/a/type: required field is missing: type (a structural schema gives every field a type)");
        assertThat(problemsOf("{type: object, properties: {a: {x-kubernetes-preserve-unknown-fields: true},"
                + " b: {x-kubernetes-int-or-string: true}}}", v1)).isEmpty();
        assertThat(problemsOf("{type: array}", v1))
                .containsExactly("/items: required field is missing: items (a list's items need a schema)");
        assertThat(problemsOf("{type: array, items: {minLength: 1}}", v1)).containsExactly("/items/type: required"
                + " field is missing: type (a structural schema gives every list's items a type)");
        assertThat(problemsOf("{type: object, additionalProperties: {minLength: 1}}", v1)).containsExactly(
                "/additionalProperties/type: required field is missing: type (a structural schema gives every field a"
                + " type)");
        assertThat(problemsOf("{type: string, anyOf: [{type: string, description: d}, {minLength: 2}]}", v1))
                .containsExactly("/anyOf/0/type: type may not be set under allOf, anyOf, oneOf or not (a structural"
                        + " schema declares it in its own nodes only)",
                        "/anyOf/0/description: description may not be set under allOf, anyOf, oneOf or not (a"
                        + " structural schema declares it in its own nodes only)");
        assertThat(problemsOf("{x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}", v1))
                .isEmpty();
        assertThat(problemsOf("{x-kubernetes-int-or-string: true, allOf: [{anyOf: [{type: integer},"
                + " {type: string}]}, {pattern: '^x'}]}", v1)).isEmpty();
        assertThat(problemsOf("{type: string, x-kubernetes-embedded-resource: true}", v1)).containsExactly(
                "/type: must be object when x-kubernetes-embedded-resource is true",
                "/properties: required field is missing: properties (an embedded resource without"
                        + " x-kubernetes-preserve-unknown-fields declares its fields)");
        // v1beta1 schemas need not be structural
        assertThat(problemsOf("{type: object, properties: {a: {}}}", "apiextensions.k8s.io/v1beta1")).isEmpty();
    }

    @Test
    void v1NeedsASchemaOfTypeObjectForEveryVersion() {
        String crd = """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.example.com}
                spec:
                  group: example.com
                  names: {plural: widgets, kind: Widget}
                  versions:
                  - {name: v1, served: true, storage: true}
                  - {name: v2, served: true, storage: false, schema: {openAPIV3Schema: {type: string}}}
                """;
        Map<String, Object> obj = objects(crd).get(0);
        List<String> found = new ArrayList<>();
        for (CrdSchemas.Problem p : CrdSchemas.of(List.of(obj)).problems(obj)) {
            found.add(p.pointer() + ": " + p.message());
        }
        assertThat(found).containsExactly(
                "/spec/versions/0/schema/openAPIV3Schema: required field is missing: openAPIV3Schema"
                        + " (apiextensions.k8s.io/v1 requires a schema for every version)",
                "/spec/versions/1/schema/openAPIV3Schema/type: the schema of a custom resource must have type object");
    }
}
