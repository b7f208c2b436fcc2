package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * README "Limits": templates are held to their bounds while they compile and run, so that no template exhausts
 * the stack or the heap: sections nest at most 100 deep in a template, partials include each other at most 100
 * deep, at most 200 sections and partials are open at once while rendering, and a render writes at most 16 Mi
 * characters. Each is one line at the template's file and line, exit 1, no stack trace.
 */
class RenderBoundsCliTest extends ChartsInTempDir {
    @BeforeEach
    void setUp() {
        osk.chart("app", "app");
    }

    private static String refused(Osk.Result r) {
        return r.onlyErrLine(1, "\tat ", "Error", "internal error");
    }

    @Test
    void fiftyThousandNestedSections() {
        osk.write("app/values.yaml", "x: true\n");
        osk.write("app/templates/deep.yaml", "{{#x}}".repeat(50_000) + "a: 1\n" + "{{/x}}".repeat(50_000));
        assertThat(refused(Osk.run("render", osk.path("app")))).isEqualTo(osk.path("app/templates/deep.yaml")
                + ":1:601: sections nest more than 100 deep in one template, the most osk compiles");
    }

    @Test
    void aHundredNestedSectionsStillRender() {
        osk.write("app/values.yaml", "x: true\n");
        osk.write("app/templates/cm.yaml", "{{#x}}".repeat(100) + Osk.configMap("ok", "a: b") + "{{/x}}".repeat(100));
        Osk.Result r = Osk.run("render", osk.path("app"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("name: ok");
    }

    @Test
    void aFiveThousandDeepPartialChain() {
        for (int i = 0; i < 5_000; i++) {
            osk.write("app/templates/_p" + i + ".yaml", "{{> p" + (i + 1) + "}}\n");
        }
        osk.write("app/templates/_p5000.yaml", "a: 1\n");
        osk.write("app/templates/t.yaml", "{{> p0}}\n");
        assertThat(refused(Osk.run("render", osk.path("app")))).isEqualTo(osk.path("app/templates/_p99.yaml")
                + ":1:1: partial 'p100': partials include each other more than 100 deep, the most osk compiles"
                + " (rendering app/templates/t.yaml)");
    }

    @Test
    void aPartialThatIncludesItselfWithoutEnd() {
        osk.write("app/templates/_self.yaml", "x: 1\n{{> self}}\n");
        osk.write("app/templates/t.yaml", "{{> self}}\n");
        assertThat(refused(Osk.run("render", osk.path("app")))).isEqualTo(osk.path("app/templates/_self.yaml")
                + ":2:1: partial 'self' nests more than 200 sections and partials deep while rendering, the most a"
                + " render allows; does a partial include itself without end? (rendering app/templates/t.yaml)");
    }

    @Test
    void aRecursivePartialOverNestedDataRendersWithExactValueInsertion() {
        // a tree walked by a partial that includes itself: inside the recursion values are still written for
        // the YAML around them (a value that would add a key is refused, a quoted one escaped)
        osk.write("app/values.yaml", "tree: {name: a, kids: [{name: b, kids: [{name: 'c\", evil: \"x', kids: []}]}]}\n");
        osk.write("app/templates/_node.yaml", "- \"{{name}}\"\n{{#kids}}\n{{> node}}\n{{/kids}}\n");
        osk.write("app/templates/cm.yaml", "apiVersion: v1\nkind: List\nitems: []\nnames:\n{{#tree}}\n{{> node}}\n"
                + "{{/tree}}\n");
        Osk.Result r = Osk.run("render", osk.path("app"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("names:\n- a\n- b\n- \"c\\\", evil: \\\"x\"\n").doesNotContain("evil: x");
    }

    @Test
    void fourNestedLoopsOverAHundredItemsStopAtTheOutputLimit() {
        StringBuilder items = new StringBuilder("items: [");
        for (int i = 0; i < 100; i++) {
            items.append(i == 0 ? "" : ", ").append(i);
        }
        osk.write("app/values.yaml", items.append("]\n").toString());
        osk.write("app/templates/loops.yaml", Osk.configMap("l",
                "a: \"{{#items}}{{#items}}{{#items}}{{#items}}x{{/items}}{{/items}}{{/items}}{{/items}}\""));
        assertThat(refused(Osk.run("render", osk.path("app")))).isEqualTo(osk.path("app/templates/loops.yaml")
                + ":6: the render writes more than 64 Mi characters (all templates together), the most one render"
                + " may write; does a section repeat too often?");
    }

    @Test
    void theOutputLimitCountsEveryTemplateOfTheRender() {
        // five templates of 16 Mi characters each (comment lines, a document each): none is over the limit alone, four together are
        osk.write("app/values.yaml", "items: [" + "1, ".repeat(16383) + "1]\n");
        for (int i = 0; i < 5; i++) {
            osk.write("app/templates/t" + i + ".yaml", Osk.configMap("t" + i, "a: b")
                    + "{{#items}}\n# " + "x".repeat(1022) + "\n---\n{{/items}}\n");
        }
        String line = refused(Osk.run("render", osk.path("app")));
        assertThat(line).isEqualTo(osk.path("app/templates/t3.yaml") + ":8: the render writes more than 64 Mi"
                + " characters (all templates together), the most one render may write; does a section repeat too"
                + " often?");
    }
}
