package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** README "Output" and the render flags: order, source comments, -n, --show-only, --kube-version, determinism. */
class RenderOutputCliTest extends ChartsInTempDir {
    /** One printed object: the source comment above it and the object. */
    record Printed(String source, Map<String, Object> object) {
        String kind() {
            return (String) object.get("kind");
        }

        String name() {
            return (String) ((Map<?, ?>) object.get("metadata")).get("name");
        }

        Object namespace() {
            return ((Map<?, ?>) object.get("metadata")).get("namespace");
        }

        String id() {
            return kind() + "/" + name();
        }
    }

    private static final Pattern DOC = Pattern.compile("---\n# Source: (\\S+)\n((?:(?!---\n).*\n)*)");

    /** Splits stdout into objects, checking that every one is preceded by '---' and '# Source: PATH'. */
    @SuppressWarnings("unchecked")
    static List<Printed> printed(String out) {
        List<Printed> list = new ArrayList<>();
        Matcher m = DOC.matcher(out);
        int end = 0;
        while (m.find()) {
            assertThat(m.start()).as("text between documents in:\n%s", out).isEqualTo(end);
            end = m.end();
            list.add(new Printed(m.group(1), (Map<String, Object>) new org.yaml.snakeyaml.Yaml().load(m.group(2))));
        }
        assertThat(end).as("unparsed tail of:\n%s", out).isEqualTo(out.length());
        return list;
    }

    private Osk.Result ok(String... args) {
        Osk.Result r = Osk.run(args);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).isEmpty();
        return r;
    }

    @Test
    void objectsAreOrderedByKindThenSourcePathThenPosition() {
        osk.chart("app", "app", "dependencies:", "  - name: sub");
        osk.chart("app/charts/sub", "sub");
        osk.write("app/charts/sub/templates/cm.yaml", Osk.object("v1", "ConfigMap", "cm-sub"));
        osk.write("app/templates/a-job.yaml", Osk.object("batch/v1", "Job", "j"));
        osk.write("app/templates/a-cm.yaml", Osk.object("v1", "ConfigMap", "cm-a"));
        osk.write("app/templates/b-deploy.yaml", Osk.object("apps/v1", "Deployment", "d"));
        osk.write("app/templates/c-multi.yaml", Osk.object("v1", "ConfigMap", "cm-c-first") + "---\n"
                + Osk.object("v1", "Service", "svc") + "---\n" + Osk.object("v1", "ConfigMap", "cm-c-second"));
        osk.write("app/templates/d-sa.yaml", Osk.object("v1", "ServiceAccount", "sa"));
        osk.write("app/templates/e-ns.yaml", Osk.object("v1", "Namespace", "ns"));
        osk.write("app/templates/f-custom.yaml", Osk.object("example.com/v1", "Zebra", "z") + "---\n"
                + Osk.object("example.com/v1", "Alpha", "a"));
        osk.write("app/templates/g-secret.yaml", Osk.object("v1", "Secret", "s"));
        osk.write("app/templates/h-workloads.yaml", Osk.object("batch/v1", "CronJob", "cj") + "---\n"
                + Osk.object("apps/v1", "StatefulSet", "st") + "---\n" + Osk.object("apps/v1", "DaemonSet", "ds"));
        Osk.Result r = ok("render", osk.path("app"));
        List<Printed> docs = printed(r.out());
        assertThat(docs).extracting(Printed::id).containsExactly(
                "Namespace/ns", "ServiceAccount/sa", "Secret/s",
                "ConfigMap/cm-sub", "ConfigMap/cm-a", "ConfigMap/cm-c-first", "ConfigMap/cm-c-second",
                "Service/svc", "DaemonSet/ds", "Deployment/d", "StatefulSet/st", "Job/j", "CronJob/cj",
                "Alpha/a", "Zebra/z");
        assertThat(docs).extracting(Printed::source).containsExactly(
                "app/templates/e-ns.yaml", "app/templates/d-sa.yaml", "app/templates/g-secret.yaml",
                "app/charts/sub/templates/cm.yaml", "app/templates/a-cm.yaml", "app/templates/c-multi.yaml",
                "app/templates/c-multi.yaml", "app/templates/c-multi.yaml", "app/templates/h-workloads.yaml",
                "app/templates/b-deploy.yaml", "app/templates/h-workloads.yaml", "app/templates/a-job.yaml",
                "app/templates/h-workloads.yaml", "app/templates/f-custom.yaml", "app/templates/f-custom.yaml");
    }

    @Test
    void everyKindOfHelmsInstallOrderInThatOrder() {
        List<String> helm = List.of("PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange",
                "PodDisruptionBudget", "ServiceAccount", "Secret", "ConfigMap", "StorageClass", "PersistentVolume",
                "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "Role",
                "RoleBinding", "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
                "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
                "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");
        osk.chart("app", "app");
        // file names in reverse alphabetical order of kind, all in one template in reverse order as well
        List<String> docs = new ArrayList<>();
        for (int i = helm.size() - 1; i >= 0; i--) {
            docs.add(Osk.object("example.com/v1", helm.get(i), "o" + i));
        }
        docs.add(Osk.object("example.com/v1", "Custom", "c"));
        osk.write("app/templates/all.yaml", String.join("---\n", docs));
        List<String> kinds = printed(ok("render", osk.path("app")).out()).stream().map(Printed::kind).toList();
        List<String> expected = new ArrayList<>(helm);
        expected.add("Custom");
        assertThat(kinds).containsExactlyElementsOf(expected);
    }

    @Test
    void sourcePathsNameTheAliasOfEveryChartOnTheWay() {
        osk.chart("kit", "kit", "dependencies:", "  - name: svc", "    alias: keystone");
        osk.chart("kit/charts/svc", "svc", "dependencies:", "  - name: micro", "    alias: api-deployment",
                "    path: ../../../micro");
        osk.chart("micro", "micro");
        osk.write("micro/templates/deployment.yaml", Osk.object("apps/v1", "Deployment", "{{osk.scope.key}}"));
        List<Printed> docs = printed(ok("render", osk.path("kit")).out());
        assertThat(docs).extracting(Printed::source)
                .containsExactly("kit/charts/keystone/charts/api-deployment/templates/deployment.yaml");
    }

    @Test
    void outputIsCanonicalBlockYaml() {
        osk.chart("app", "app");
        osk.write("app/templates/c.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c, labels: {b: "2", a: x}}
                data:
                    key:     value
                    multi: "line1\\nline2\\n"
                    quoted: 'yes'
                    typed: yes
                list: [a, b]
                anchors:
                      base: &b {x: 1}
                      copy: *b
                """);
        String out = ok("render", osk.path("app")).out();
        for (String line : out.split("\n")) {
            int indent = line.length() - line.stripLeading().length();
            assertThat(indent % 2).as("indentation of '%s' in\n%s", line, out).isZero();
            assertThat(line).doesNotContain("&").doesNotContain("*").doesNotEndWith("{").doesNotContain("{x");
        }
        assertThat(out).contains("multi: |\n").contains("    line1\n    line2\n");
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("b", "2");
        labels.put("a", "x");
        Printed p = printed(out).get(0);
        assertThat(((Map<?, ?>) p.object().get("metadata")).get("labels")).isEqualTo(labels);
        assertThat(p.object().get("data")).isEqualTo(Map.of("key", "value", "multi", "line1\nline2\n",
                "quoted", "yes", "typed", true));
        assertThat(p.object().get("list")).isEqualTo(List.of("a", "b"));
        assertThat(p.object().get("anchors")).isEqualTo(Map.of("base", Map.of("x", 1), "copy", Map.of("x", 1)));
    }

    private void namespaced() {
        osk.chart("app", "app");
        osk.write("app/templates/all.yaml", String.join("---\n",
                Osk.object("v1", "ConfigMap", "plain", "data: {ns: {{osk.release.namespace}}}"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kept\n  namespace: keep\n",
                Osk.object("apps/v1", "Deployment", "d"),
                Osk.object("v1", "Namespace", "the-ns"),
                Osk.object("rbac.authorization.k8s.io/v1", "ClusterRole", "cr"),
                Osk.object("v1", "PersistentVolume", "pv"),
                Osk.object("storage.k8s.io/v1", "StorageClass", "sc")));
    }

    @Test
    void namespaceFlagSetsTheNamespaceOnlyOnNamespacedObjectsWithoutOne() {
        namespaced();
        List<Printed> docs = printed(ok("render", osk.path("app"), "-n", "prod").out());
        Map<String, Object> ns = new LinkedHashMap<>();
        for (Printed p : docs) {
            ns.put(p.id(), p.namespace());
        }
        assertThat(ns).containsEntry("ConfigMap/plain", "prod").containsEntry("ConfigMap/kept", "keep")
                .containsEntry("Deployment/d", "prod").containsEntry("Namespace/the-ns", null)
                .containsEntry("ClusterRole/cr", null).containsEntry("PersistentVolume/pv", null)
                .containsEntry("StorageClass/sc", null);
        assertThat(docs.stream().filter(p -> p.name().equals("plain")).findFirst().orElseThrow().object().get("data"))
                .isEqualTo(Map.of("ns", "prod"));
        List<Printed> longForm = printed(ok("render", osk.path("app"), "--namespace", "prod").out());
        assertThat(longForm).isEqualTo(docs);
    }

    @Test
    void withoutTheNamespaceFlagObjectsKeepWhatTheTemplatesWrote() {
        namespaced();
        List<Printed> docs = printed(ok("render", osk.path("app")).out());
        for (Printed p : docs) {
            assertThat(p.namespace()).as(p.id()).isEqualTo(p.name().equals("kept") ? "keep" : null);
        }
        assertThat(docs.stream().filter(p -> p.name().equals("plain")).findFirst().orElseThrow().object().get("data"))
                .isEqualTo(Map.of("ns", "default"));
    }

    @Test
    void releaseNameDefaultsToTheChartName() {
        osk.chart("app", "app");
        osk.write("app/templates/cm.yaml", Osk.configMap("c", "release: {{osk.release.name}}"));
        assertThat(printed(ok("render", osk.path("app")).out()).get(0).object().get("data"))
                .isEqualTo(Map.of("release", "app"));
        assertThat(printed(ok("render", osk.path("app"), "--release-name", "prod-1").out()).get(0).object().get("data"))
                .isEqualTo(Map.of("release", "prod-1"));
    }

    private void showOnlyChart() {
        osk.chart("app", "app", "dependencies:", "  - name: sub");
        osk.write("app/templates/a.yaml", Osk.object("v1", "ConfigMap", "a"));
        osk.write("app/templates/b.yaml", Osk.object("v1", "ConfigMap", "b"));
        osk.write("app/templates/broken.yaml", Osk.configMap("broken", "x: {{missing}}"));
        osk.write("app/templates/empty.yaml", "{{#never?}}\n" + Osk.object("v1", "ConfigMap", "never") + "{{/never?}}\n");
        osk.chart("app/charts/sub", "sub");
        osk.write("app/charts/sub/templates/s.yaml", Osk.object("v1", "ConfigMap", "s"));
    }

    @Test
    void showOnlyRendersTheMatchingTemplatesAlone() {
        showOnlyChart();
        assertThat(printed(ok("render", osk.path("app"), "-s", "templates/a.yaml").out()))
                .extracting(Printed::name).containsExactly("a");
        assertThat(printed(ok("render", osk.path("app"), "--show-only", "app/templates/b.yaml").out()))
                .extracting(Printed::name).containsExactly("b");
        assertThat(printed(ok("render", osk.path("app"), "-s", "charts/sub/templates/*.yaml").out()))
                .extracting(Printed::name).containsExactly("s");
        assertThat(printed(ok("render", osk.path("app"), "-s", "templates/a.yaml", "-s", "**/s.yaml").out()))
                .extracting(Printed::name).containsExactly("s", "a");
        assertThat(printed(ok("render", osk.path("app"), "-s", "templates/{a,b}.yaml").out()))
                .extracting(Printed::name).containsExactly("a", "b");
    }

    @Test
    void showOnlyOfATemplateThatRendersNothingIsFine() {
        showOnlyChart();
        Osk.Result r = ok("render", osk.path("app"), "-s", "templates/empty.yaml");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void showOnlyAGlobThatMatchesNoTemplateIsAUsageError() {
        showOnlyChart();
        Osk.Result r = Osk.run("render", osk.path("app"), "-s", "templates/nope*.yaml");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("templates/nope*.yaml");
    }

    @Test
    void withoutShowOnlyTheBrokenTemplateFails() {
        showOnlyChart();
        Osk.Result r = Osk.run("render", osk.path("app"));
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void kubeVersionIsVisibleToTemplates() {
        osk.chart("app", "app");
        osk.write("app/templates/cm.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: c
                data:
                  version: "{{osk.kube.version}}"
                  major: "{{osk.kube.major}}"
                  minor: "{{osk.kube.minor}}"
                {{#osk.kube.atLeast.1.25}}
                policy: policy/v1
                {{/osk.kube.atLeast.1.25}}
                {{^osk.kube.atLeast.1.25}}
                policy: policy/v1beta1
                {{/osk.kube.atLeast.1.25}}
                """);
        Printed old = printed(ok("render", osk.path("app"), "--kube-version", "1.21").out()).get(0);
        assertThat(old.object().get("data")).isEqualTo(Map.of("version", "1.21", "major", "1", "minor", "21"));
        assertThat(old.object().get("policy")).isEqualTo("policy/v1beta1");
        Printed exact = printed(ok("render", osk.path("app"), "--kube-version", "1.25").out()).get(0);
        assertThat(exact.object().get("policy")).isEqualTo("policy/v1");
        Printed dflt = printed(ok("render", osk.path("app")).out()).get(0);
        assertThat(dflt.object().get("data")).isEqualTo(Map.of("version", "1.34", "major", "1", "minor", "34"));
        assertThat(dflt.object().get("policy")).isEqualTo("policy/v1");
        Printed future = printed(ok("render", osk.path("app"), "--kube-version", "2.0").out()).get(0);
        assertThat(future.object().get("policy")).isEqualTo("policy/v1");
    }

    @Test
    void theSameInputsGiveByteIdenticalOutput() {
        osk.chart("app", "app", "dependencies:", "  - name: w", "    alias: w1", "  - name: w", "    alias: w2");
        StringBuilder values = new StringBuilder("labels:\n");
        for (int i = 0; i < 60; i++) {
            values.append("  k").append((i * 37) % 60).append(": v").append(i).append('\n');
        }
        osk.write("app/values.yaml", values + "w1: {n: 1}\nw2: {n: 2}\n");
        osk.write("app/templates/cm.yaml", Osk.configMap("c", "labels: {{labels}}\nyaml: {{osk.yaml.labels}}"));
        osk.chart("app/charts/w", "w");
        osk.write("app/charts/w/templates/cm.yaml", Osk.configMap("w-{{n}}", "all: {{osk.json.labels}}"));
        String first = ok("render", osk.path("app"), "-n", "x").out();
        String second = ok("render", osk.path("app"), "-n", "x").out();
        assertThat(second).isEqualTo(first);
        assertThat(printed(first)).hasSize(3);
    }
}
