package dev.osk.render.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.render.KubeVersion;
import dev.osk.render.manifest.ManifestReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Old-style core v1 Events (no eventTime, as the kubelet writes them), which the corpus cannot hold as mutant seeds:
 * kube-apiserver 1.20.2 takes one only in its involvedObject's namespace (default or none when that has none), and
 * the corpus and the mutants are applied to different namespaces. Each verdict below is the server's
 * ({@code kubectl apply --dry-run=server --validate=strict -n NAMESPACE}, NAMESPACE the Event's own).
 */
class EventNamespaceTest {
    private static List<String> errors(String metadata, String involvedObject) {
        String yaml = """
                apiVersion: v1
                kind: Event
                metadata:
                %s
                involvedObject:
                %s
                reason: Pulled
                message: Container image already present on machine
                source: {component: kubelet, host: node-1}
                firstTimestamp: "2026-01-01T00:00:00Z"
                lastTimestamp: "2026-01-01T00:01:00Z"
                count: 2
                """.formatted(metadata.indent(2).stripTrailing(), involvedObject.indent(2).stripTrailing());
        ManifestReader reader = new ManifestReader(p -> "set.yaml");
        ValidationReport r = new Validator().validate(reader.parse(yaml, "set.yaml"),
                new ValidationOptions(KubeVersion.parse("1.20"), Set.of(), Set.of()));
        return r.findings().stream().map(f -> f.check().id() + " " + f.pointer() + ": " + f.message()).toList();
    }

    @Test
    void anEventInItsInvolvedObjectsNamespaceIsAccepted() {
        assertThat(errors("name: web-1.a\nnamespace: e2e-corpus", "kind: Pod\nname: web-1\nnamespace: e2e-corpus"))
                .isEmpty();
    }

    @Test
    void anEventInAnotherNamespaceThanItsInvolvedObjectIsRefused() {
        assertThat(errors("name: web-1.b\nnamespace: e2e-corpus", "kind: Pod\nname: web-1\nnamespace: other"))
                .containsExactly("api-rules /involvedObject/namespace: an Event without eventTime must be in the"
                        + " namespace of its involvedObject ('other'; default when it has none)");
    }

    @Test
    void anEventAboutAClusterScopedObjectIsAcceptedInDefault() {
        assertThat(errors("name: web-1.c\nnamespace: default", "kind: Node\nname: web-1")).isEmpty();
    }

    @Test
    void anEventAboutAClusterScopedObjectIsRefusedElsewhere() {
        assertThat(errors("name: web-1.d\nnamespace: e2e-corpus", "kind: Node\nname: web-1"))
                .containsExactly("api-rules /involvedObject/namespace: an Event without eventTime must be in the"
                        + " namespace of its involvedObject (''; default when it has none)");
    }

    @Test
    void anEventThatNamesNoNamespaceIsNotComparedWithItsInvolvedObjects() {
        assertThat(errors("name: web-1.e", "kind: Pod\nname: web-1\nnamespace: other")).isEmpty();
    }

    @Test
    void aCoreEventsNameIsOnlyAPathSegment() {
        assertThat(errors("name: Web_1.E\nnamespace: e2e-corpus", "kind: Pod\nname: web-1\nnamespace: e2e-corpus"))
                .isEmpty();
    }
}
