package dev.osk.render.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.render.KubeVersion;
import dev.osk.render.manifest.ManifestReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * metadata.namespace by scope, as kubectl and kube-apiserver 1.20.2 treat it: a cluster-scoped object's namespace
 * is ignored (kubectl sends none, the server clears it), whatever it holds, for built-in kinds and for custom
 * resources whose definition has scope Cluster alike; a namespaced object's must be a DNS-1123 label, and one
 * without a namespace is fine (it goes to the namespace kubectl is given).
 */
class ClusterScopedNamespaceTest {
    private static final String DEFINITIONS = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: gadgets.example.com}
            spec:
              group: example.com
              scope: Cluster
              names: {plural: gadgets, singular: gadget, kind: Gadget}
              versions:
              - name: v1
                served: true
                storage: true
                schema: {openAPIV3Schema: {type: object}}
            ---
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              scope: Namespaced
              names: {plural: widgets, singular: widget, kind: Widget}
              versions:
              - name: v1
                served: true
                storage: true
                schema: {openAPIV3Schema: {type: object}}
            """;

    /** The findings at 1.20, which must be those at the newest version too. */
    private static List<String> errors(String yaml) {
        List<String> at120 = errors(yaml, KubeVersion.parse("1.20"));
        assertThat(errors(yaml, KubeVersion.DEFAULT)).as("findings at %s", KubeVersion.DEFAULT).isEqualTo(at120);
        return at120;
    }

    private static List<String> errors(String yaml, KubeVersion version) {
        ManifestReader reader = new ManifestReader(p -> "set.yaml");
        ValidationReport r = new Validator().validate(reader.parse(yaml, "set.yaml"),
                new ValidationOptions(version, Set.of(), Set.of())
                        .withCustomResources(reader.parse(DEFINITIONS, "crds.yaml"), Set.of()));
        return r.findings().stream().map(f -> f.check().id() + " " + f.pointer() + ": " + f.message()).toList();
    }

    @Test
    void aBuiltInClusterScopedKindIgnoresItsNamespace() {
        assertThat(errors("""
                apiVersion: storage.k8s.io/v1
                kind: StorageClass
                metadata: {name: fast, namespace: OpenStack}
                provisioner: rbd.csi.ceph.com
                """)).isEmpty();
    }

    @Test
    void aCustomResourceOfAClusterScopedDefinitionIgnoresItsNamespace() {
        assertThat(errors("""
                apiVersion: example.com/v1
                kind: Gadget
                metadata: {name: edge-router, namespace: OpenStack}
                """)).isEmpty();
    }

    @Test
    void aNamespacedObjectsNamespaceIsADns1123Label() {
        String expected = "api-rules /metadata/namespace: namespace 'OpenStack' must be a DNS-1123 label (lower-case"
                + " letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)";
        assertThat(errors("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: edge-widget, namespace: OpenStack}
                """)).containsExactly(expected);
        assertThat(errors("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: OpenStack}
                """)).containsExactly(expected);
    }

    @Test
    void aNamespacedObjectWithoutANamespaceIsFine() {
        assertThat(errors("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: edge-widget}
                """)).isEmpty();
    }
}
