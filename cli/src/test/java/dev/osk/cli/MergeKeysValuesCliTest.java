package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** YAML merge keys ({@code <<: *anchor}) in a chart's values.yaml and in -f overlays, as Helm and kubectl read them. */
class MergeKeysValuesCliTest extends ChartsInTempDir {
    @BeforeEach
    void setUp() {
        osk.chart("app", "app");
        osk.write("app/values.yaml", "base: &b {x: 1, y: 2}\nderived:\n  <<: *b\n  y: 3\nmany:\n  <<: [*b, {z: 4}]\n");
        osk.write("o.yaml", "common: &c\n  port: 80\n  tls: false\nweb:\n  <<: *c\n  tls: true\n");
    }

    @Test
    void mergeKeysMergeTheAnchoredMapUnderTheKeysGivenBesideThem() {
        Osk.Result r = Osk.run("values", osk.path("app"), "-f", osk.path("o.yaml"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.values()).containsEntry("derived", java.util.Map.of("x", 1, "y", 3))
                .containsEntry("many", java.util.Map.of("x", 1, "y", 2, "z", 4))
                .containsEntry("web", java.util.Map.of("port", 80, "tls", true))
                .doesNotContainKey("<<");
    }

    @Test
    void explainNamesTheAnchorForAMergedValue() {
        Osk.Result r = Osk.run("values", osk.path("app"), "-f", osk.path("o.yaml"), "--explain");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out().lines()).contains("web.port: 80  # " + osk.path("o.yaml") + ":2:9",
                "web.tls: true  # " + osk.path("o.yaml") + ":6:8");
    }
}
