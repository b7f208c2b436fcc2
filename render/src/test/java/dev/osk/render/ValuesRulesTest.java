package dev.osk.render;

import static dev.osk.render.testing.TestCharts.data;
import static dev.osk.render.testing.TestCharts.file;
import static dev.osk.render.testing.TestCharts.instance;
import static dev.osk.render.testing.TestCharts.map;
import static dev.osk.render.testing.TestCharts.set;
import static dev.osk.render.testing.TestCharts.setFile;
import static dev.osk.render.testing.TestCharts.setJson;
import static dev.osk.render.testing.TestCharts.setString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osk.render.manifest.Manifest;
import dev.osk.render.testing.TestCharts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README "Values: Sources and the merge rule": which layer wins, through a real chart tree. */
class ValuesRulesTest {
    @TempDir
    Path tmp;
    TestCharts fx;

    @BeforeEach
    void setUp() {
        fx = new TestCharts(tmp);
    }

    /** top -> mid -> leaf, each with the given values.yaml. */
    private void tree(String topValues, String midValues, String leafValues) {
        fx.chart("top", "top", "dependencies:", "  - name: mid");
        fx.write("top/values.yaml", topValues);
        fx.chart("top/charts/mid", "mid", "dependencies:", "  - name: leaf");
        fx.write("top/charts/mid/values.yaml", midValues);
        fx.chart("top/charts/mid/charts/leaf", "leaf");
        fx.write("top/charts/mid/charts/leaf/values.yaml", leafValues);
    }

    private Map<String, Object> leaf(dev.osk.render.values.ValueSource... sources) {
        return instance(fx.instances("top", sources), "mid", "leaf").values().data();
    }

    private Map<String, Object> top(dev.osk.render.values.ValueSource... sources) {
        return fx.instances("top", sources).values().data();
    }

    @Test
    void mapsDeepMergeAcrossLevels() {
        tree("""
                mid:
                  leaf:
                    conf: {b: 20, nested: {y: 20, z: 30}}
                """, "", """
                conf: {a: 1, b: 2, nested: {x: 1, y: 2}}
                """);
        assertThat(leaf().get("conf")).isEqualTo(map("a", 1L, "b", 20L, "nested", map("x", 1L, "y", 20L, "z", 30L)));
    }

    @Test
    void listsReplaceWhole() {
        tree("""
                mid: {leaf: {list: [9]}}
                """, "", """
                list: [1, 2, 3]
                """);
        assertThat(leaf().get("list")).isEqualTo(List.of(9L));
    }

    @Test
    void setIndexChangesOneElementOfANestedChartsDefaultList() {
        tree("", "", """
                ports: [{name: http, port: 80}, {name: https, port: 443}, {name: admin, port: 9000}]
                """);
        assertThat(leaf(set("mid.leaf.ports[1].port=8443,mid.leaf.ports[2]=null")).get("ports")).isEqualTo(
                java.util.Arrays.asList(map("name", "http", "port", 80L), map("name", "https", "port", 8443L), null));
    }

    @Test
    void setIndexChangesOneElementOfAnOverlaysList() {
        tree("", "", """
                list: [a, b, c]
                """);
        fx.write("o.yaml", "mid: {leaf: {list: [x, y]}}\n");
        assertThat(leaf(file("o.yaml"), set("mid.leaf.list[1]=z")).get("list")).isEqualTo(List.of("x", "z"));
        assertThat(leaf(file("o.yaml"), set("mid.leaf.list[3]=w")).get("list"))
                .isEqualTo(java.util.Arrays.asList("x", "y", null, "w"));
    }

    @Test
    void laterSetIndexesPatchEarlierOnes() {
        tree("", "", """
                list: [a, b, c]
                """);
        assertThat(leaf(set("mid.leaf.list[0]=x"), set("mid.leaf.list[2]=z")).get("list"))
                .isEqualTo(List.of("x", "b", "z"));
    }

    @Test
    void setIndexOverAScalarOrNothingIsTheListItself() {
        tree("", "", """
                s: flat
                """);
        assertThat(leaf(set("mid.leaf.s[1]=x,mid.leaf.n[0]=y")))
                .containsEntry("s", java.util.Arrays.asList(null, "x")).containsEntry("n", List.of("y"));
    }

    @Test
    void setIndexNamesItsFlagAsTheOriginOfWhatItChanged() {
        tree("", "", """
                ports: [{name: http, port: 80}, {name: https, port: 443}]
                """);
        var values = fx.values("top", set("mid.leaf.ports[1].port=8443"));
        assertThat(values.originOf("/mid/leaf/ports/1/port").toString()).contains("--set");
        assertThat(values.originOf("/mid/leaf/ports/1/name").toString()).contains("values.yaml");
        assertThat(values.originOf("/mid/leaf/ports/0/port").toString()).contains("values.yaml");
    }

    @Test
    void scalarsReplaceAndMayReplaceMaps() {
        tree("""
                mid: {leaf: {s: top, m: flat, t: {now: map}}}
                """, "", """
                s: leaf
                m: {a: 1}
                t: text
                """);
        assertThat(leaf()).containsEntry("s", "top").containsEntry("m", "flat").containsEntry("t", map("now", "map"));
    }

    @Test
    void nullFromSetDeletesADefaultOfANestedChartTwoLevelsDown() {
        tree("", "", """
                conf: {a: 1, b: 2}
                """);
        Map<String, Object> leaf = leaf(set("mid.leaf.conf.a=null"));
        assertThat(leaf.get("conf")).isEqualTo(map("b", 2L));
    }

    @Test
    void nullFromAValuesFileDeletesADefaultOfANestedChartTwoLevelsDown() {
        tree("", "", """
                conf: {a: 1, b: 2}
                image: {tag: "1.0", name: x}
                """);
        fx.write("overlay.yaml", """
                mid:
                  leaf:
                    conf:
                      a: null
                    image:
                      tag: ~
                """);
        Map<String, Object> leaf = leaf(file("overlay.yaml"));
        assertThat(leaf.get("conf")).isEqualTo(map("b", 2L));
        assertThat(leaf.get("image")).isEqualTo(map("name", "x"));
    }

    @Test
    void nullFromSetJsonDeletesAWholeSubtree() {
        tree("", "", """
                conf: {a: 1}
                keep: 1
                """);
        assertThat(leaf(setJson("mid.leaf.conf=null"))).doesNotContainKey("conf").containsEntry("keep", 1L);
    }

    @Test
    void nullInTheParentsValuesYamlDeletesTheChildsDefault() {
        tree("", """
                leaf: {conf: {a: null}}
                """, """
                conf: {a: 1, b: 2}
                """);
        assertThat(leaf().get("conf")).isEqualTo(map("b", 2L));
    }

    @Test
    void valuesFilesApplyInTheOrderGiven() {
        tree("", "", "s: leaf\n");
        fx.write("one.yaml", "mid: {leaf: {s: one, only1: x}}\n");
        fx.write("two.yaml", "mid: {leaf: {s: two, only2: y}}\n");
        assertThat(leaf(file("one.yaml"), file("two.yaml")))
                .containsEntry("s", "two").containsEntry("only1", "x").containsEntry("only2", "y");
        assertThat(leaf(file("two.yaml"), file("one.yaml"))).containsEntry("s", "one");
    }

    @Test
    void setFlagsApplyInTheOrderGivenWhateverTheirKind() throws Exception {
        tree("", "", "");
        fx.write("v.txt", "from file\n");
        assertThat(top(set("v=1"), setString("v=2")).get("v")).isEqualTo("2");
        assertThat(top(setString("v=2"), set("v=3")).get("v")).isEqualTo(3L);
        assertThat(top(set("v=1"), setJson("v=[1,2]")).get("v")).isEqualTo(List.of(1L, 2L));
        assertThat(top(setJson("v=[1,2]"), setFile("v=v.txt")).get("v")).isEqualTo("from file\n");
        assertThat(top(setFile("v=v.txt"), set("v=4")).get("v")).isEqualTo(4L);
        assertThat(top(setJson("v={\"k\":1}"), set("v.j=2"), setString("v.k=s")).get("v"))
                .isEqualTo(map("k", "s", "j", 2L));
    }

    @Test
    void overlaysBeatChartDefaultsAtEveryLevel() {
        tree("a: top\n", "leaf: {b: mid}\n", "c: leaf\n");
        fx.write("f.yaml", "a: file\nmid: {leaf: {b: file, c: file}}\n");
        assertThat(top(file("f.yaml"))).containsEntry("a", "file");
        assertThat(leaf(file("f.yaml"))).containsEntry("b", "file").containsEntry("c", "file");
    }

    @Test
    void theParentsBlockBeatsTheChildsValuesYaml() {
        tree("""
                mid:
                  leaf: {x: top}
                """, """
                leaf: {x: mid, y: mid}
                """, """
                x: leaf
                y: leaf
                z: leaf
                """);
        assertThat(leaf()).containsEntry("x", "top").containsEntry("y", "mid").containsEntry("z", "leaf");
    }

    @Test
    void globalIsVisibleAtEveryDepth() {
        tree("global: {g: 1, nested: {k: v}}\n", "", "");
        Map<String, Object> expected = map("g", 1L, "nested", map("k", "v"));
        ChartInstance root = fx.instances("top");
        assertThat(root.values().data().get("global")).isEqualTo(expected);
        assertThat(instance(root, "mid").values().data().get("global")).isEqualTo(expected);
        assertThat(instance(root, "mid", "leaf").values().data().get("global")).isEqualTo(expected);
    }

    @Test
    void theParentsGlobalBeatsTheChildsGlobal() {
        tree("global: {g: top}\n", "global: {g: mid, fromMid: m}\n", "global: {g: leaf, fromLeaf: l}\n");
        ChartInstance root = fx.instances("top");
        assertThat(instance(root, "mid").values().data().get("global")).isEqualTo(map("g", "top", "fromMid", "m"));
        assertThat(instance(root, "mid", "leaf").values().data().get("global"))
                .isEqualTo(map("g", "top", "fromLeaf", "l", "fromMid", "m"));
    }

    @Test
    void aGlobalSetOnTheCommandLineReachesEveryDepth() {
        tree("global: {g: top}\n", "global: {g: mid}\n", "global: {g: leaf}\n");
        ChartInstance root = fx.instances("top", set("global.g=flag"));
        assertThat(root.values().data().get("global")).isEqualTo(map("g", "flag"));
        assertThat(instance(root, "mid", "leaf").values().data().get("global")).isEqualTo(map("g", "flag"));
    }

    @Test
    void aGlobalNullDeletesAGlobalDefaultOfANestedChart() {
        tree("", "", "global: {g: leaf, h: leaf}\n");
        ChartInstance root = fx.instances("top", set("global.g=null"));
        assertThat(instance(root, "mid", "leaf").values().data().get("global")).isEqualTo(map("h", "leaf"));
    }

    @Test
    void libraryValuesSitUnderTheDependentChartsDefaults() {
        fx.chart("lib1", "lib1", "type: library");
        fx.write("lib1/values.yaml", "shared: lib1\nover: lib1\nboth: lib1\nglobal: {fromLib: lib1}\n");
        fx.chart("lib2", "lib2", "type: library");
        fx.write("lib2/values.yaml", "both: lib2\n");
        fx.chart("app", "app", "dependencies:", "  - name: lib1", "    repository: file://../lib1",
                "  - name: lib2", "    path: ../lib2");
        fx.write("app/values.yaml", "over: app\n");
        Map<String, Object> v = fx.instances("app").values().data();
        assertThat(v).containsEntry("shared", "lib1").containsEntry("over", "app").containsEntry("both", "lib2")
                .containsEntry("global", map("fromLib", "lib1"));
    }

    @Test
    void libraryValuesOfANestedChartSitUnderItsParentsBlock() {
        fx.chart("lib", "lib", "type: library");
        fx.write("lib/values.yaml", "shared: lib\nover: lib\n");
        tree("mid: {leaf: {shared: top}}\n", "", "over: leaf\n");
        fx.chart("top/charts/mid/charts/leaf", "leaf", "dependencies:", "  - name: lib",
                "    repository: file://../../../../../lib");
        assertThat(leaf()).containsEntry("shared", "top").containsEntry("over", "leaf");
    }

    @Test
    void aLibraryIsNeverRendered() {
        fx.chart("lib", "lib", "type: library");
        fx.write("lib/templates/cm.yaml", TestCharts.configMap("from-lib", "x: {{nowhere}}"));
        fx.chart("app", "app", "dependencies:", "  - name: lib", "    path: ../lib");
        fx.write("app/templates/cm.yaml", TestCharts.configMap("from-app", "x: y"));
        List<Manifest> out = fx.render("app");
        assertThat(out).extracting(Manifest::name).containsExactly("from-app");
        assertThat(fx.instances("app").children()).isEmpty();
    }

    private void conditional(String condition, String topValues) {
        fx.chart("top", "top", "dependencies:", "  - name: sub", "    condition: " + condition);
        fx.write("top/values.yaml", topValues);
        fx.chart("top/charts/sub", "sub");
        fx.write("top/charts/sub/templates/cm.yaml", TestCharts.configMap("sub", "x: y"));
        fx.write("top/templates/cm.yaml", TestCharts.configMap("top", "x: y"));
    }

    private List<String> rendered(dev.osk.render.values.ValueSource... sources) {
        return fx.render("top", sources).stream().map(Manifest::name).sorted().toList();
    }

    @Test
    void conditionAbsentMeansEnabled() {
        conditional("sub.enabled", "");
        assertThat(rendered()).containsExactly("sub", "top");
    }

    @Test
    void conditionFalseDisablesAndTrueEnables() {
        conditional("sub.enabled", "sub: {enabled: false}\n");
        assertThat(rendered()).containsExactly("top");
        assertThat(fx.instances("top").children()).isEmpty();
        assertThat(rendered(set("sub.enabled=true"))).containsExactly("sub", "top");
    }

    @Test
    void conditionTrueInValuesFalseOnTheCommandLine() {
        conditional("sub.enabled", "sub: {enabled: true}\n");
        assertThat(rendered()).containsExactly("sub", "top");
        assertThat(rendered(set("sub.enabled=false"))).containsExactly("top");
    }

    @Test
    void theFirstConditionPathPresentDecides() {
        conditional("features.sub, sub.enabled", "sub: {enabled: false}\n");
        assertThat(rendered()).containsExactly("top");
        assertThat(rendered(set("features.sub=true"))).containsExactly("sub", "top");
        conditional("features.sub, sub.enabled", "sub: {enabled: true}\n");
        assertThat(rendered(set("features.sub=false"))).containsExactly("top");
    }

    @Test
    void aNonBooleanConditionIsAnErrorAtTheDependency() {
        conditional("sub.enabled", "sub: {enabled: \"yes\"}\n");
        assertThatThrownBy(() -> fx.render("top"))
                .isInstanceOf(OskException.class)
                .isNotInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("top/Chart.yaml:")
                .hasMessageContaining("sub.enabled");
        conditional("sub.enabled", "");
        assertThatThrownBy(() -> fx.render("top", setString("sub.enabled=true")))
                .isInstanceOf(OskException.class).hasMessageStartingWith("top/Chart.yaml:");
    }

    @Test
    void anAliasNamesTheBlockAndLetsOneChartBeUsedTwice() {
        fx.chart("top", "top", "dependencies:", "  - name: worker", "    alias: w1", "  - name: worker",
                "    alias: w2");
        fx.write("top/values.yaml", """
                w1: {n: 1}
                w2: {n: 2}
                worker: {n: 9}
                """);
        fx.chart("top/charts/worker", "worker");
        fx.write("top/charts/worker/values.yaml", "n: 0\nd: default\n");
        fx.write("top/charts/worker/templates/cm.yaml",
                TestCharts.configMap("{{osk.scope.key}}-{{n}}",
                        "d: {{d}}\nkey: {{osk.scope.key}}\ncomponent: {{osk.scope.component}}"));
        ChartInstance root = fx.instances("top");
        assertThat(instance(root, "w1").values().data()).containsEntry("n", 1L).containsEntry("d", "default");
        assertThat(instance(root, "w2").values().data()).containsEntry("n", 2L).containsEntry("d", "default");
        List<Manifest> out = fx.render("top");
        assertThat(out).extracting(Manifest::name).containsExactlyInAnyOrder("w1-1", "w2-2");
        assertThat(out).extracting(Manifest::sourcePath).containsExactlyInAnyOrder(
                "top/charts/w1/templates/cm.yaml", "top/charts/w2/templates/cm.yaml");
        assertThat(data(out, "w2-2")).containsEntry("key", "w2").containsEntry("d", "default")
                .containsEntry("component", "w2");
    }

    @Test
    void valuesOfTheWholeTreeNestEachChartUnderItsKeyWithGlobalOnce() {
        tree("a: 1\nglobal: {g: top}\n", "b: 2\n", "c: 3\nglobal: {fromLeaf: l}\n");
        Map<String, Object> all = fx.values("top").data();
        assertThat(all).containsEntry("a", 1L);
        assertThat(all.get("global")).isEqualTo(map("g", "top", "fromLeaf", "l"));
        @SuppressWarnings("unchecked")
        Map<String, Object> mid = (Map<String, Object>) all.get("mid");
        assertThat(mid).containsEntry("b", 2L).doesNotContainKey("global");
        assertThat(mid.get("leaf")).isEqualTo(map("c", 3L));
    }
}
