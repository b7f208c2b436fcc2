package dev.osk.render.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osk.render.OskException;
import dev.osk.render.manifest.Manifest;
import dev.osk.render.manifest.ManifestReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManifestDiffTest {
    static final ManifestReader READER = new ManifestReader(Path::toString);

    static List<Manifest> read(String name, String yaml) {
        return READER.parse(yaml, name);
    }

    static DiffResult diff(String oldYaml, String newYaml) {
        return diff(oldYaml, newYaml, DiffOptions.defaults());
    }

    static DiffResult diff(String oldYaml, String newYaml, DiffOptions options) {
        return new ManifestDiff(options).compare(read("old.yaml", oldYaml), read("new.yaml", newYaml));
    }

    static DiffOptions ignoring(String... patterns) {
        return new DiffOptions(List.of(patterns).stream().map(PathPattern::parse).toList(), Set.of(), false);
    }

    static String summary(DiffResult r) {
        StringBuilder sb = new StringBuilder();
        for (Change c : r.changes()) {
            sb.append(c.type().sign()).append(' ').append(c.description()).append('\n');
        }
        return sb.append(r.summary()).toString();
    }

    static List<String> fields(Change c) {
        return c.fields().stream().map(f -> f.op().id() + " " + f.path() + " " + f.oldValue() + " -> " + f.newValue()
                + (f.redacted() ? " (redacted)" : "")).toList();
    }

    static final String CM_A = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: ns}\ndata: {k: v}\n";
    static final String CM_B = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: ns}\ndata: {k: v}\n";

    @Test
    void documentOrderFieldOrderAndYamlStyleAreNoChange() {
        String old = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: ns
                spec:
                  replicas: 2
                  template:
                    spec:
                      containers:
                      - name: web
                        image: "nginx:1.25"
                        args: [--a, --b]
                ---
                """ + CM_A;
        String neu = CM_A.replace("data: {k: v}", "data:\n  k: 'v'") + """
                ---
                kind: Deployment
                spec:
                  template:
                    spec:
                      containers:
                        - image: nginx:1.25
                          name: web
                          args:
                            - --a
                            - "--b"
                  replicas: 2.0
                metadata: {namespace: ns, name: web}
                apiVersion: apps/v1
                """;
        DiffResult r = diff(old, neu);
        assertThat(r.changes()).isEmpty();
        assertThat(r.unchanged()).isEqualTo(2);
        assertThat(r.summary()).isEqualTo("0 added, 0 removed, 0 changed, 2 unchanged");
    }

    @Test
    void numbersCompareByValueButAStringIsNeverANumber() {
        String old = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {x: 1.10, y: 1e3, z: 80}\n";
        assertThat(diff(old, old.replace("1.10", "1.1").replace("1e3", "1000")).changes()).isEmpty();
        DiffResult r = diff(old, old.replace("z: 80", "z: \"80\""));
        assertThat(fields(r.changes().get(0))).containsExactly("replace /data/z 80 -> 80");
        assertThat(r.changes().get(0).fields().get(0).newValue()).isEqualTo("80");
    }

    @Test
    void kubectlBooleansReadTheSame() {
        String old = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {hostNetwork: yes}\n";
        assertThat(diff(old, old.replace("yes", "true")).changes()).isEmpty();
    }

    @Test
    void objectsAreMatchedByGroupKindNamespaceAndNameNotByVersion() {
        String cron = "apiVersion: batch/%s\nkind: CronJob\nmetadata: {name: rotate, namespace: ns}\nspec: {schedule: '@daily'}\n";
        DiffResult r = diff(cron.formatted("v1beta1"), cron.formatted("v1"));
        assertThat(summary(r)).isEqualTo("~ batch/v1 CronJob ns/rotate\n0 added, 0 removed, 1 changed, 0 unchanged");
        assertThat(fields(r.changes().get(0))).containsExactly("replace /apiVersion batch/v1beta1 -> batch/v1");

        DiffResult moved = diff(CM_A, CM_A.replace("namespace: ns", "namespace: other"));
        assertThat(summary(moved)).isEqualTo("- v1 ConfigMap ns/a\n+ v1 ConfigMap other/a\n"
                + "1 added, 1 removed, 0 changed, 0 unchanged");
    }

    @Test
    void aKindRenameIsARemovalAndAnAddition() {
        String deploy = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: db, namespace: ns}\nspec: {}\n";
        DiffResult r = diff(deploy, deploy.replace("Deployment", "StatefulSet"));
        assertThat(summary(r)).isEqualTo("- apps/v1 Deployment ns/db\n+ apps/v1 StatefulSet ns/db\n"
                + "1 added, 1 removed, 0 changed, 0 unchanged");
    }

    @Test
    void changesComeInInstallOrderThenNamespaceAndName() {
        String svc = "apiVersion: v1\nkind: Service\nmetadata: {name: %s, namespace: %s}\nspec: {}\n";
        String old = svc.formatted("z", "a") + "---\n" + CM_B;
        String neu = svc.formatted("b", "b") + "---\n" + svc.formatted("a", "b") + "---\n" + CM_A;
        assertThat(summary(diff(old, neu))).isEqualTo("""
                + v1 ConfigMap ns/a
                - v1 ConfigMap ns/b
                - v1 Service a/z
                + v1 Service b/a
                + v1 Service b/b
                3 added, 2 removed, 0 changed, 0 unchanged""");
    }

    @Test
    void fieldChangesNameJsonPointersAndListsAlignOnEqualItems() {
        String old = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  annotations: {a/b: x, gone: kept}
                spec:
                  containers:
                  - {name: c1, image: one}
                  - {name: c2, image: two}
                """;
        String neu = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  annotations: {a/b: z, new~key: w}
                spec:
                  containers:
                  - {name: c0, image: zero}
                  - {name: c1, image: one}
                  - {name: c2, image: TWO}
                """;
        Change c = diff(old, neu).changes().get(0);
        assertThat(fields(c)).containsExactly(
                "replace /metadata/annotations/a~1b x -> z",
                "remove /metadata/annotations/gone kept -> null",
                "add /metadata/annotations/new~0key null -> w",
                "add /spec/containers/0 null -> {name=c0, image=zero}",
                "replace /spec/containers/2/image two -> TWO");
    }

    @Test
    void theComparedVersionsShareOneKeyOrder() {
        String old = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {a: 1, old: 2, c: 3}\n";
        String neu = "kind: ConfigMap\napiVersion: v1\nmetadata: {name: a}\ndata: {c: 3, a: 1, new: 4}\n";
        Change c = diff(old, neu).changes().get(0);
        // the new order, and a key only the old side has after the key it followed there
        assertThat(c.newObject().keySet()).containsExactly("kind", "apiVersion", "metadata", "data");
        assertThat(c.oldObject().keySet()).containsExactly("kind", "apiVersion", "metadata", "data");
        assertThat(c.oldObject().get("data").toString()).isEqualTo("{c=3, a=1, old=2}");
        assertThat(c.newObject().get("data").toString()).isEqualTo("{c=3, a=1, new=4}");
    }

    @Test
    void ignoredFieldsAloneAreNoChange() {
        String old = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  annotations: {checksum/config: aaa, owner: me}
                spec:
                  template:
                    metadata:
                      annotations: {checksum/config: aaa, checksum/secrets: bbb}
                """;
        String neu = old.replace("aaa", "AAA").replace("bbb", "BBB");
        assertThat(diff(old, neu).changes()).hasSize(1);
        // anchored at the root: the pod template's annotations still differ
        Change c = diff(old, neu, ignoring("metadata.annotations.checksum*")).changes().get(0);
        assertThat(fields(c)).containsExactly(
                "replace /spec/template/metadata/annotations/checksum~1config aaa -> AAA",
                "replace /spec/template/metadata/annotations/checksum~1secrets bbb -> BBB");
        assertThat(c.newObject().get("metadata").toString()).doesNotContain("checksum");
        // ** reaches any depth
        DiffResult all = diff(old, neu, ignoring("**.annotations.checksum*"));
        assertThat(all.changes()).isEmpty();
        assertThat(all.unchanged()).isEqualTo(1);
        // a JSON pointer names one field exactly
        DiffResult pointers = diff(old, neu, ignoring("/metadata/annotations/checksum~1config",
                "/spec/template/metadata/annotations/checksum~1config",
                "/spec/template/metadata/annotations/checksum~1secrets"));
        assertThat(pointers.changes()).isEmpty();
        // but a change beside an ignored field still counts
        assertThat(diff(old, neu.replace("owner: me", "owner: you"), ignoring("**.annotations.checksum*")).changes())
                .hasSize(1);
    }

    @Test
    void ignorePatternsReachListItemsAndKeysWithDots() {
        String old = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  labels: {app.kubernetes.io/version: "1", app: x}
                spec:
                  containers:
                  - {name: a, image: "a:1"}
                  - {name: b, image: "b:1"}
                """;
        String neu = old.replace("\"1\"", "\"2\"").replace(":1\"", ":2\"");
        assertThat(diff(old, neu, ignoring("spec.containers[*].image", "metadata.labels.app\\.kubernetes\\.io/version"))
                .changes()).isEmpty();
        assertThat(diff(old, neu, ignoring("spec.containers.*.image", "/metadata/labels/app.kubernetes.io~1version"))
                .changes()).isEmpty();
        Change c = diff(old, neu, ignoring("spec.containers[0].image", "metadata.labels.*")).changes().get(0);
        assertThat(fields(c)).containsExactly("replace /spec/containers/1/image b:1 -> b:2");
    }

    @Test
    void ignoredKindsAreLeftOutOfBothSides() {
        String secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {k: YQ==}\n";
        DiffOptions opts = new DiffOptions(List.of(), Set.of("secret"), false);
        DiffResult r = diff(CM_A + "---\n" + secret, CM_A + "---\n" + secret.replace("YQ==", "Yg=="), opts);
        assertThat(r.changes()).isEmpty();
        assertThat(r.unchanged()).isEqualTo(1);
        assertThat(diff(CM_A, CM_A + "---\n" + secret, opts).changes()).isEmpty();
    }

    @Test
    void secretValuesAreHiddenButChangedKeysAreNamed() {
        String old = """
                apiVersion: v1
                kind: Secret
                metadata: {name: db}
                data: {password: c2VjcmV0MQ==, user: YWRtaW4=, gone: Z29uZQ==}
                """;
        String neu = """
                apiVersion: v1
                kind: Secret
                metadata: {name: db}
                data: {password: c2VjcmV0Mg==, user: YWRtaW4=, token: dG9rZW4=}
                stringData: {extra: plain-secret}
                """;
        Change c = diff(old, neu).changes().get(0);
        assertThat(fields(c)).containsExactly(
                "replace /data/password null -> null (redacted)",
                "remove /data/gone null -> null (redacted)",
                "add /data/token null -> null (redacted)",
                "add /stringData/extra null -> null (redacted)");
        String both = c.oldObject().toString() + c.newObject();
        for (String value : List.of("c2VjcmV0MQ==", "c2VjcmV0Mg==", "YWRtaW4=", "Z29uZQ==", "dG9rZW4=", "plain-secret")) {
            assertThat(both).doesNotContain(value);
        }
        assertThat(c.oldObject().get("data").toString()).isEqualTo("{password=(redacted), user=(redacted), gone=(redacted)}");
        assertThat(c.newObject().get("data").toString())
                .isEqualTo("{password=(redacted, changed), user=(redacted), token=(redacted)}");

        DiffOptions show = new DiffOptions(List.of(), Set.of(), true);
        Change shown = diff(old, neu, show).changes().get(0);
        assertThat(fields(shown)).startsWith("replace /data/password c2VjcmV0MQ== -> c2VjcmV0Mg==");
        assertThat(shown.newObject().get("stringData").toString()).contains("plain-secret");
    }

    @Test
    void secretDataThatAppearsOrGoesIsListedKeyByKey() {
        String none = "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n";
        assertThat(fields(diff(none, none + "data: {a: YQ==, b: Yg==}\n").changes().get(0))).containsExactly(
                "add /data/a null -> null (redacted)", "add /data/b null -> null (redacted)");
        assertThat(fields(diff(none + "stringData: {a: x}\n", none).changes().get(0))).containsExactly(
                "remove /stringData/a null -> null (redacted)");
        // an empty map has no keys to list: the map itself is the change
        assertThat(fields(diff(none, none + "data: {}\n").changes().get(0))).containsExactly(
                "add /data null -> null (redacted)");
    }

    @Test
    void aSecretWhoseOtherFieldsChangeShowsThemButNoValues() {
        String old = "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: Opaque\ndata: {k: YQ==}\n";
        Change c = diff(old, old.replace("Opaque", "kubernetes.io/tls")).changes().get(0);
        assertThat(fields(c)).containsExactly("replace /type Opaque -> kubernetes.io/tls");
        assertThat(c.newObject().get("data").toString()).isEqualTo("{k=(redacted)}");
    }

    @Test
    void onlyCoreSecretsAreRedacted() {
        String crd = "apiVersion: example.com/v1\nkind: Secret\nmetadata: {name: s}\ndata: {k: visible}\n";
        Change c = diff(crd, crd.replace("visible", "shown")).changes().get(0);
        assertThat(fields(c)).containsExactly("replace /data/k visible -> shown");
    }

    @Test
    void duplicateObjectsAreAnErrorAtTheSecondOne() {
        assertThatThrownBy(() -> diff(CM_A + "---\n" + CM_A, CM_A))
                .isInstanceOf(OskException.class)
                .hasMessage("old.yaml:6:1: duplicate object v1 ConfigMap ns/a (first at old.yaml:1:1); objects are"
                        + " matched by group, kind, namespace and name");
    }

    @Test
    void anObjectWithoutANameCannotBeMatched() {
        assertThatThrownBy(() -> diff(CM_A, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {}\n"))
                .isInstanceOf(OskException.class)
                .hasMessage("new.yaml:4:3: object has no metadata.name, so it cannot be matched with the other side");
    }
}
