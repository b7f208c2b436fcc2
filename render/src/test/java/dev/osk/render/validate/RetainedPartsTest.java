package dev.osk.render.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.render.manifest.Manifest;
import dev.osk.render.manifest.ManifestReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A render validated as it is parsed keeps of each object only the parts the checks across the set read
 * ({@link CrossChecks#retained}). Those checks must find exactly what they find on the whole objects: on the
 * catalogue's render, on every file of the validation corpus, and on a set where each of them fires.
 */
class RetainedPartsTest {
    private static final Path VALIDATE = ValidationCorpusTest.CORPUS;

    /**
     * Every finding of the checks across the set, as object, check, pointer and message. A duplicate's message
     * names where the first one is defined, which only the whole object knows: {@code whole} keeps it.
     */
    private static List<String> crossFindings(List<Manifest> set, Set<String> external, boolean whole) {
        List<String> out = new ArrayList<>();
        List<String> notes = CrossChecks.check(set, external, new ChartExternals("Chart.yaml", List.of("Secret/vault")),
                (m, check, ptr, msg) -> out.add(m.describe() + " " + check.id() + " " + ptr + ": "
                        + (whole ? msg : msg.replaceAll(" is defined at .*", " is defined at (somewhere)"))));
        notes.forEach(n -> out.add("note: " + n));
        return out;
    }

    private static List<Manifest> retained(List<Manifest> set) {
        return set.stream().map(m -> m.written(CrossChecks.retained(m.object()), "text")).toList();
    }

    private static List<Manifest> read(String yaml) {
        return new ManifestReader(p -> "set.yaml").parse(yaml, "set.yaml");
    }

    @Test
    void theCataloguesRenderAndTheCorpusGiveTheSameFindingsFromTheRetainedParts() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("mutants/seeds", "valid", "invalid")) {
            try (Stream<Path> s = Files.list(VALIDATE.resolve(dir))) {
                s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThan(380);
        int withFindings = 0;
        for (Path f : files) {
            List<Manifest> set = read(Files.readString(f, StandardCharsets.UTF_8));
            List<String> whole = crossFindings(set, Set.of(), false);
            assertThat(crossFindings(retained(set), Set.of(), false)).as(f.toString()).isEqualTo(whole);
            withFindings += whole.isEmpty() ? 0 : 1;
        }
        // some corpus files use what they do not hold, or hold an object twice: the checks find something there
        assertThat(withFindings).isGreaterThan(20);
    }

    private static final String EVERY_CHECK = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: os, labels: {app: api}, annotations: {a: b}}
            spec:
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api, tier: web}, annotations: {checksum: x}}
                spec:
                  serviceAccountName: api-sa
                  imagePullSecrets: [{name: pull}]
                  initContainers:
                  - name: init
                    image: entrypoint
                    env:
                    - {name: DEPENDENCY_SERVICE, value: "os:db,cache"}
                    - {name: DEPENDENCY_JOBS, value: db-sync}
                    - {name: DEPENDENCY_DAEMONSET, value: agent}
                    - {name: DEPENDENCY_POD_JSON, value: '[{"labels": {"app": "worker"}}]'}
                  containers:
                  - name: api
                    image: api:1
                    ports: [{containerPort: 80}]
                    env:
                    - name: PASSWORD
                      valueFrom: {secretKeyRef: {name: api-secret, key: p}}
                    - name: OPTIONAL
                      valueFrom: {configMapKeyRef: {name: maybe, key: k, optional: true}}
                    envFrom:
                    - configMapRef: {name: api-env}
                    - secretRef: {name: vault}
                  volumes:
                  - {name: c, configMap: {name: api-etc}}
                  - {name: s, secret: {secretName: api-keys}}
                  - {name: d, persistentVolumeClaim: {claimName: api-data}}
                  - name: p
                    projected: {sources: [{configMap: {name: proj-cm}}, {secret: {name: proj-secret}}]}
            ---
            apiVersion: batch/v1beta1
            kind: CronJob
            metadata: {name: cleanup, namespace: os}
            spec:
              schedule: "0 * * * *"
              jobTemplate:
                spec:
                  template:
                    metadata: {labels: {app: cleanup}}
                    spec:
                      serviceAccount: cleaner
                      restartPolicy: Never
                      containers: [{name: c, image: c, envFrom: [{secretRef: {name: cron-secret}}]}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: debug, namespace: os, labels: {app: debug}}
            spec:
              containers: [{name: c, image: c, env: [{name: X, valueFrom: {configMapKeyRef: {name: pod-cm, key: k}}}]}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: api, namespace: os}
            spec: {selector: {app: api, tier: web}, ports: [{port: 80}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: nothing, namespace: os}
            spec: {selector: {app: gone}, ports: [{port: 80}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: debug, namespace: other}
            spec: {selector: {app: debug}, ports: [{port: 80}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: outside, namespace: os}
            spec: {type: ExternalName, externalName: example.org, selector: {app: gone}}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: api-etc, namespace: os}
            data: {a: b}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: api-etc, namespace: os}
            data: {a: c}
            """;

    @Test
    void eachCheckAcrossTheSetFindsTheSameInTheRetainedParts() {
        List<Manifest> set = read(EVERY_CHECK);
        List<String> whole = crossFindings(set, Set.of("Job/db-sync"), true);
        assertThat(whole).as("what the whole objects give").contains(
                "apps/v1 Deployment os/api references /spec/template/spec/serviceAccountName: ServiceAccount 'api-sa'"
                        + " is used but not defined in this set (add it, or list it with --external"
                        + " ServiceAccount/api-sa)",
                "v1 Service os/nothing service-selectors /spec/selector: selects no pod template of this set",
                "v1 Service other/debug service-selectors /spec/selector: selects no pod template of this set",
                "v1 ConfigMap os/api-etc duplicates /metadata/name: another ConfigMap named 'api-etc' is defined at"
                        + " set.yaml:80:18",
                "note: Secret/vault is not in this render; Chart.yaml declares it external");
        assertThat(whole).filteredOn(f -> f.contains(" references ")).hasSize(11);
        assertThat(whole).filteredOn(f -> f.contains(" dependencies ")).hasSize(4);
        assertThat(crossFindings(retained(set), Set.of("Job/db-sync"), false))
                .isEqualTo(crossFindings(set, Set.of("Job/db-sync"), false));
    }

    @Test
    void theRetainedPartsLeaveOutWhatNoCheckReads() {
        Map<String, Object> deployment = read(EVERY_CHECK).get(0).object();
        Map<String, Object> kept = CrossChecks.retained(deployment);
        assertThat(kept.keySet()).containsExactly("apiVersion", "kind", "metadata", "spec");
        assertThat(ApiRules.map(kept.get("metadata")).keySet()).containsExactly("name", "namespace");
        Map<String, Object> template = ApiRules.map(ApiRules.map(kept.get("spec")).get("template"));
        assertThat(ApiRules.map(template.get("metadata")).keySet()).containsExactly("labels");
        Map<String, Object> spec = ApiRules.map(template.get("spec"));
        assertThat(spec.keySet()).containsExactly("serviceAccountName", "imagePullSecrets", "volumes",
                "initContainers", "containers");
        assertThat(ApiRules.map(ApiRules.list(spec.get("containers")).get(0)).keySet())
                .containsExactly("env", "envFrom");
        Map<String, Object> configMap = CrossChecks.retained(read(EVERY_CHECK).get(7).object());
        assertThat(configMap).doesNotContainKey("data");
    }
}
