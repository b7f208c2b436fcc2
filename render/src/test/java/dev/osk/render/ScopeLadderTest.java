package dev.osk.render;

import static dev.osk.render.testing.TestCharts.data;
import static dev.osk.render.testing.TestCharts.file;
import static dev.osk.render.testing.TestCharts.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osk.render.manifest.Manifest;
import dev.osk.render.testing.TestCharts;
import dev.osk.render.values.ValueSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README "The scope ladder", with the worked example's tree: openstack -> keystone -> api-deployment / db-sync. */
class ScopeLadderTest {
    @TempDir
    Path tmp;
    TestCharts fx;

    @BeforeEach
    void setUp() {
        fx = new TestCharts(tmp);
    }

    /**
     * The kit {@code openstack} holds the service {@code keystone}, which uses the microchart {@code probe} twice:
     * as {@code api-deployment} (component api, kind deployment) and as {@code db-sync} (component db-sync).
     * The library {@code common} holds shared global defaults. Each probe renders a ConfigMap named after its
     * alias whose data holds {@code lookups}.
     */
    private void kit(String libValues, String kitValues, String keystoneValues, String lookups) {
        fx.chart("common", "common", "type: library");
        fx.write("common/values.yaml", libValues);
        fx.chart("openstack", "openstack", "dependencies:", "  - name: keystone", "    path: ../keystone");
        fx.write("openstack/values.yaml", kitValues);
        fx.chart("keystone", "keystone", "dependencies:",
                "  - name: common", "    repository: file://../common",
                "  - name: probe", "    repository: file://../micro/probe", "    alias: api-deployment",
                "    component: api", "    kind: deployment",
                "  - name: probe", "    repository: file://../micro/probe", "    alias: db-sync",
                "    component: db-sync");
        fx.write("keystone/values.yaml", keystoneValues);
        fx.chart("micro/probe", "probe");
        fx.write("micro/probe/templates/cm.yaml", TestCharts.configMap("{{osk.scope.key}}", lookups));
    }

    private Map<String, Object> api(ValueSource... sources) {
        return data(fx.render("openstack", sources), "api-deployment");
    }

    private Map<String, Object> dbSync(ValueSource... sources) {
        return data(fx.render("openstack", sources), "db-sync");
    }

    @Test
    void theReadmeWorkedExample() {
        kit("""
                global:
                  replicas: 1
                  image: {registry: quay.io, tag: "2024.1"}
                """, "", "", """
                replicas: {{replicas}}
                tag: {{image.tag}}
                registry: {{image.registry}}""");
        fx.write("aio.yaml", """
                keystone:
                  replicas: 2          # every keystone workload
                  api:
                    replicas: 3        # only the API
                    image: {tag: "2024.1-hotfix"}
                """);
        List<Manifest> out = fx.render("openstack", file("aio.yaml"));
        assertThat(data(out, "api-deployment")).containsEntry("replicas", 3L).containsEntry("tag", "2024.1-hotfix")
                .containsEntry("registry", "quay.io");
        assertThat(data(out, "db-sync")).containsEntry("replicas", 2L).containsEntry("tag", "2024.1")
                .containsEntry("registry", "quay.io");
    }

    @Test
    void theComponentKindBlockBeatsTheComponentBlock() {
        kit("", "", "", "replicas: {{replicas}}");
        fx.write("o.yaml", """
                keystone:
                  replicas: 2
                  api:
                    replicas: 3
                    deployment: {replicas: 4}
                """);
        assertThat(api(file("o.yaml"))).containsEntry("replicas", 4L);
        assertThat(dbSync(file("o.yaml"))).containsEntry("replicas", 2L);
    }

    @Test
    void theChartsOwnBlockBeatsEveryOtherRung() {
        kit("global: {replicas: 1}\n", "replicas: 7\n", "", "replicas: {{replicas}}");
        fx.write("o.yaml", """
                keystone:
                  replicas: 2
                  api:
                    replicas: 3
                    deployment: {replicas: 4}
                  api-deployment: {replicas: 5}
                """);
        assertThat(api(file("o.yaml"))).containsEntry("replicas", 5L);
    }

    @Test
    void theServiceBeatsTheTopLevelWhichBeatsGlobal() {
        kit("global: {replicas: 1, g: global}\n", "replicas: 7\ntop: top\n", "replicas: 2\n",
                "replicas: {{replicas}}\ntop: {{top}}\ng: {{g}}");
        assertThat(api()).containsEntry("replicas", 2L).containsEntry("top", "top").containsEntry("g", "global");
        assertThat(api(set("keystone.replicas=null"))).containsEntry("replicas", 7L);
        assertThat(api(set("keystone.replicas=null"), set("replicas=null"))).containsEntry("replicas", 1L);
    }

    @Test
    void defaultsCountAtTheScopeWhereTheyAreDeclared() {
        // the service chart's values.yaml is the keystone rung; the kit's top-level values do not override it
        kit("", "replicas: 7\n", "replicas: 2\n", "replicas: {{replicas}}");
        assertThat(api()).containsEntry("replicas", 2L);
    }

    @Test
    void lookupIsPresenceBased() {
        kit("global: {debug: true, suffix: wide, count: 5}\n", "", "", """
                debug: {{debug}}
                suffix: {{suffix}}
                count: {{count}}""");
        fx.write("o.yaml", """
                keystone:
                  api:
                    debug: false
                    suffix: ""
                    count: 0
                """);
        assertThat(api(file("o.yaml"))).containsEntry("debug", false).containsEntry("suffix", "")
                .containsEntry("count", 0L);
        assertThat(dbSync(file("o.yaml"))).containsEntry("debug", true).containsEntry("suffix", "wide")
                .containsEntry("count", 5L);
    }

    @Test
    void aNameIsLookedUpAsAWholePathInEachRung() {
        kit("global: {image: {registry: quay.io, tag: \"2024.1\", pull: Always}}\n", "image: not-a-map\n", "", """
                tag: {{image.tag}}
                registry: {{image.registry}}
                pull: {{image.pull}}""");
        fx.write("o.yaml", """
                keystone:
                  image: {pull: IfNotPresent}
                  api:
                    image: {tag: hotfix}
                """);
        assertThat(api(file("o.yaml"))).containsEntry("tag", "hotfix").containsEntry("registry", "quay.io")
                .containsEntry("pull", "IfNotPresent");
    }

    @Test
    void aNullDeletedKeyFallsThroughToTheNextRung() {
        kit("", "", "replicas: 2\napi: {replicas: 3}\n", "replicas: {{replicas}}");
        assertThat(api()).containsEntry("replicas", 3L);
        assertThat(api(set("keystone.api.replicas=null"))).containsEntry("replicas", 2L);
    }

    @Test
    void aNullDeletedNestedDefaultFallsThroughToTheParent() {
        kit("", "", "conf: {a: service}\n", "a: {{conf.a}}");
        fx.write("micro/probe/values.yaml", "conf: {a: own}\n");
        assertThat(api()).containsEntry("a", "own");
        assertThat(api(set("keystone.api-deployment.conf.a=null"))).containsEntry("a", "service");
    }

    @Test
    void sectionItemsAreSearchedBeforeTheLadder() {
        kit("", "", "proto: UDP\nname: ladder\nports: [{name: a, proto: TCP}, {name: b}]\n", """
                {{#ports}}
                {{name}}: {{proto}}
                {{/ports}}
                name: {{name}}""");
        assertThat(api()).containsEntry("a", "TCP").containsEntry("b", "UDP").containsEntry("name", "ladder");
    }

    @Test
    void aMapSectionBecomesTheCurrentItem() {
        kit("", "", "db: {host: h, port: 3306}\nhost: outer\nuser: u\n", """
                {{#db}}
                host: {{host}}
                port: {{port}}
                user: {{user}}
                {{/db}}""");
        assertThat(api()).containsEntry("host", "h").containsEntry("port", 3306L).containsEntry("user", "u");
    }

    @Test
    void theMissingValueErrorListsTheRungsAtFileLineAndColumn() {
        kit("global:\n  image: {registry: quay.io}\n", "", "", "replicas: {{replicas}}");
        fx.write("aio.yaml", """
                keystone:
                  api:
                    image: {tag: "2024.1-hotfix"}
                """);
        // configMap(...) puts the data line at line 6, indented by 2: "  replicas: {{replicas}}"
        assertThatThrownBy(() -> fx.render("openstack", file("aio.yaml")))
                .isInstanceOf(OskException.class)
                .satisfies(e -> assertThat(((OskException) e).lines()).contains(
                        "micro/probe/templates/cm.yaml:6:13: no value for 'replicas' (looked in"
                                + " keystone.api-deployment, keystone.api.deployment, keystone.api, keystone,"
                                + " (top level), global)"));
    }

    @Test
    void theMissingValueErrorOfAChartWithoutComponent() {
        kit("", "", "", "x: y");
        fx.write("openstack/templates/cm.yaml", TestCharts.configMap("kit", "a: b\nnme: {{nme}}"));
        assertThatThrownBy(() -> fx.render("openstack"))
                .isInstanceOf(OskException.class)
                .hasMessage("openstack/templates/cm.yaml:7:8: no value for 'nme' (looked in (top level), global)");
    }

    @Test
    void optionalNamesRenderNullOrSkip() {
        kit("", "", "", """
                a: {{nope?}}
                {{#nope?}}
                b: present
                {{/nope?}}
                {{^nope?}}
                c: absent
                {{/nope?}}""");
        Map<String, Object> d = api();
        assertThat(d).containsEntry("a", null).doesNotContainKey("b").containsEntry("c", "absent");
    }

    @Test
    void scopeHelpersSayWhereTheChartSits() {
        kit("", "", "", """
                key: {{osk.scope.key}}
                component: {{osk.scope.component}}
                kind: {{osk.scope.kind}}
                parent: {{osk.scope.parent}}""");
        List<Manifest> out = fx.render("openstack");
        assertThat(data(out, "api-deployment")).containsEntry("key", "api-deployment")
                .containsEntry("component", "api").containsEntry("kind", "deployment")
                .containsEntry("parent", "keystone");
        assertThat(data(out, "db-sync")).containsEntry("key", "db-sync").containsEntry("component", "db-sync")
                .containsEntry("parent", "keystone");
    }

    @Test
    void aChartsOwnComponentAndKindPlaceItOnTheLadderUnlessTheDependencyOverridesThem() {
        fx.chart("svc", "svc", "dependencies:",
                "  - name: agent", "    alias: plain",
                "  - name: agent", "    alias: moved", "    component: other", "    kind: job");
        fx.write("svc/values.yaml", """
                worker: {daemonset: {r: worker-daemonset}, s: worker}
                other: {job: {r: other-job}, s: other}
                """);
        fx.chart("svc/charts/agent", "agent", "component: worker", "kind: daemonset");
        fx.write("svc/charts/agent/templates/cm.yaml",
                TestCharts.configMap("{{osk.scope.key}}", "r: {{r}}\ns: {{s}}\nc: {{osk.scope.component}}"));
        List<Manifest> out = fx.render("svc");
        assertThat(data(out, "plain")).containsEntry("r", "worker-daemonset").containsEntry("s", "worker")
                .containsEntry("c", "worker");
        assertThat(data(out, "moved")).containsEntry("r", "other-job").containsEntry("s", "other")
                .containsEntry("c", "other");
    }

    @Test
    void globalReachesEveryChartOfTheTree() {
        kit("", "global: {g: from-kit}\n", "global: {g: from-service, h: from-service}\n",
                "g: {{g}}\nh: {{h}}");
        assertThat(api()).containsEntry("g", "from-kit").containsEntry("h", "from-service");
        assertThat(api(set("global.g=flag"))).containsEntry("g", "flag");
    }
}
