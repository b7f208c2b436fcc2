package dev.osk.render.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osk.render.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathPatternTest {
    static boolean matches(String pattern, String... path) {
        return PathPattern.parse(pattern).matches(List.of(path));
    }

    @Test
    void dottedPathsAreAnchoredAtTheRoot() {
        assertThat(matches("metadata.annotations.x", "metadata", "annotations", "x")).isTrue();
        assertThat(matches("metadata.annotations.x", "spec", "template", "metadata", "annotations", "x")).isFalse();
        assertThat(matches("metadata.annotations", "metadata", "annotations", "x")).isFalse();
        assertThat(matches("metadata.annotations.x", "metadata", "annotations")).isFalse();
    }

    @Test
    void aStarMatchesWithinOneSegment() {
        assertThat(matches("metadata.annotations.checksum*", "metadata", "annotations", "checksum/config")).isTrue();
        assertThat(matches("metadata.annotations.checksum*", "metadata", "annotations", "checksum")).isTrue();
        assertThat(matches("metadata.annotations.*/config", "metadata", "annotations", "checksum/config")).isTrue();
        assertThat(matches("metadata.annotations.checksum*", "metadata", "annotations", "other")).isFalse();
        assertThat(matches("metadata.*", "metadata", "labels", "a")).isFalse();
        assertThat(matches("a*b*c", "a", "axbyc")).isFalse();
        assertThat(matches("a*b*c", "axbyc")).isTrue();
        assertThat(matches("a*b*c", "axbycd")).isFalse();
    }

    @Test
    void twoStarsMatchAnyNumberOfSegments() {
        assertThat(matches("**.annotations.checksum*", "metadata", "annotations", "checksum/a")).isTrue();
        assertThat(matches("**.annotations.checksum*", "spec", "template", "metadata", "annotations", "checksum/a"))
                .isTrue();
        assertThat(matches("**.annotations.checksum*", "annotations", "checksum")).isTrue();
        assertThat(matches("spec.**.image", "spec", "image")).isTrue();
        assertThat(matches("spec.**.image", "spec", "containers", "0", "image")).isTrue();
        assertThat(matches("spec.**.image", "metadata", "image")).isFalse();
    }

    @Test
    void manyTwoStarSegmentsStillMatchLikeOne() {
        // 30 '**' segments around a deep path: as many ways to split the path among them as there are atoms
        String stars = String.join(".", java.util.Collections.nCopies(30, "**"));
        String[] deep = new String[40];
        java.util.Arrays.fill(deep, "x");
        assertThat(matches(stars + ".nowhere", deep)).isFalse();
        deep[39] = "image";
        assertThat(matches(stars + ".image", deep)).isTrue();
        assertThat(matches("x." + stars + ".x." + stars + ".image", deep)).isTrue();
        assertThat(matches("y." + stars + ".image", deep)).isFalse();
        assertThat(matches(stars + ".x.x", "x")).isFalse();
        assertThat(matches(stars + ".x.x", "x", "x")).isTrue();
    }

    @Test
    void bracketsAndEscapedDots() {
        assertThat(matches("spec.containers[0].image", "spec", "containers", "0", "image")).isTrue();
        assertThat(matches("spec.containers[*].image", "spec", "containers", "3", "image")).isTrue();
        assertThat(matches("a[0][1]", "a", "0", "1")).isTrue();
        assertThat(matches("metadata.labels.app\\.kubernetes\\.io/name", "metadata", "labels", "app.kubernetes.io/name"))
                .isTrue();
    }

    @Test
    void jsonPointersUnescapeTildes() {
        assertThat(matches("/metadata/annotations/checksum~1config", "metadata", "annotations", "checksum/config"))
                .isTrue();
        assertThat(matches("/data/a~0b", "data", "a~b")).isTrue();
        assertThat(matches("/data/a.b", "data", "a.b")).isTrue();
    }

    @Test
    void malformedPatternsAreUsageErrors() {
        for (String bad : List.of("", "a..b", "a.", "/", "/a//b", "a[0", "a[0]b", "**", "**.**")) {
            assertThatThrownBy(() -> PathPattern.parse(bad)).as(bad).isInstanceOf(InvalidRequestException.class)
                    .hasMessageStartingWith("--ignore '" + bad + "'");
        }
    }
}
