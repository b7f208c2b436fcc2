package dev.osk.render.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.render.KubeVersion;
import dev.osk.render.manifest.ManifestReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One Event sent as events.k8s.io/v1beta1 and as events.k8s.io/v1: kube-apiserver 1.20.2 keeps v1beta1 requests to
 * the legacy rules (it accepts this one, name, type and series count included) and checks v1 ones strictly.
 */
class EventApiVersionTest {
    private static final String EVENT = """
            apiVersion: %s
            kind: Event
            metadata: {name: Web_1.F}
            regarding: {kind: Pod, name: web-1, namespace: web}
            reason: BackOff
            note: Back-off
            type: Error
            eventTime: "2026-01-01T00:05:00.000000Z"
            series: {count: 1, lastObservedTime: "2026-01-01T00:09:30.000000Z"}
            action: Restarting
            reportingController: kubernetes.io/kubelet
            reportingInstance: node-1
            """;

    private static List<String> errors(String apiVersion) {
        ManifestReader reader = new ManifestReader(p -> "set.yaml");
        ValidationReport r = new Validator().validate(reader.parse(EVENT.formatted(apiVersion), "set.yaml"),
                new ValidationOptions(KubeVersion.parse("1.20"), Set.of(), Set.of()));
        return r.findings().stream().map(f -> f.check().id() + " " + f.pointer() + ": " + f.message()).toList();
    }

    @Test
    void v1beta1GetsTheLegacyRulesOnly() {
        assertThat(errors("events.k8s.io/v1beta1")).isEmpty();
    }

    @Test
    void v1GetsTheStrictRules() {
        assertThat(errors("events.k8s.io/v1")).containsExactly(
                "api-rules /metadata/name: name 'Web_1.F' must be a DNS-1123 subdomain (lower-case letters, digits,"
                        + " '-' and '.', starting and ending with a letter or digit, at most 253 characters)",
                "api-rules /series/count: series count 1 should be at least 2",
                "api-rules /type: type 'Error' must be Normal or Warning");
    }
}
