package dev.osk.render.values;

import static dev.osk.render.testing.TestCharts.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one merge rule: maps deep-merge, lists and scalars replace, null deletes (README: Values). */
class ValuesMergeTest {

    @Test
    void mapsDeepMerge() {
        Map<String, Object> base = map("a", map("x", 1L, "y", map("p", 1L, "q", 2L)), "keep", "k");
        Map<String, Object> over = map("a", map("y", map("q", 20L, "r", 30L), "z", 3L));
        assertThat(Values.merge(base, over)).isEqualTo(
                map("a", map("x", 1L, "y", map("p", 1L, "q", 20L, "r", 30L), "z", 3L), "keep", "k"));
    }

    @Test
    void listsReplaceWhole() {
        Map<String, Object> base = map("l", List.of(1L, 2L, 3L));
        assertThat(Values.merge(base, map("l", List.of(9L)))).isEqualTo(map("l", List.of(9L)));
        assertThat(Values.merge(base, map("l", List.of()))).isEqualTo(map("l", List.of()));
    }

    @Test
    void scalarsReplaceAndReplaceMaps() {
        assertThat(Values.merge(map("a", "x"), map("a", 5L))).isEqualTo(map("a", 5L));
        assertThat(Values.merge(map("a", map("b", 1L)), map("a", "flat"))).isEqualTo(map("a", "flat"));
        assertThat(Values.merge(map("a", "flat"), map("a", map("b", 1L)))).isEqualTo(map("a", map("b", 1L)));
        assertThat(Values.merge(map("a", List.of(1L)), map("a", map("b", 1L)))).isEqualTo(map("a", map("b", 1L)));
    }

    @Test
    void nullIsKeptAsAMarkerUntilValuesAreFinal() {
        Map<String, Object> merged = Values.merge(map("a", map("b", 1L, "c", 2L)), map("a", map("b", null)));
        assertThat(merged).isEqualTo(map("a", map("b", null, "c", 2L)));
        assertThat(Values.withoutNulls(merged)).isEqualTo(map("a", map("c", 2L)));
    }

    @Test
    void aNullMarkerStillDeletesADefaultMergedUnderItLater() {
        // an overlay null meets a default that a lower layer (a nested chart's values.yaml) adds afterwards
        Map<String, Object> overlay = map("conf", map("debug", null));
        Map<String, Object> nestedDefaults = map("conf", map("debug", true, "verbose", false));
        Map<String, Object> merged = Values.merge(nestedDefaults, overlay);
        assertThat(Values.withoutNulls(merged)).isEqualTo(map("conf", map("verbose", false)));
    }

    @Test
    void nullsInsideListsAreData() {
        Map<String, Object> m = map("l", Arrays.asList("a", null));
        assertThat(Values.withoutNulls(m)).isEqualTo(map("l", Arrays.asList("a", null)));
    }

    @Test
    void mergeLeavesItsInputsAlone() {
        Map<String, Object> base = map("a", map("b", 1L));
        Map<String, Object> over = map("a", map("c", 2L));
        Map<String, Object> merged = Values.merge(base, over);
        @SuppressWarnings("unchecked")
        Map<String, Object> a = (Map<String, Object>) merged.get("a");
        a.put("d", 4L);
        assertThat(base).isEqualTo(map("a", map("b", 1L)));
        assertThat(over).isEqualTo(map("a", map("c", 2L)));
    }

    @Test
    void lookupTellsAbsentFromNull() {
        Map<String, Object> m = map("a", map("b", null, "l", List.of("x", "y")));
        assertThat(Values.lookup(m, List.of("a", "b"))).isNull();
        assertThat(Values.lookup(m, List.of("a", "zz"))).isSameAs(Values.ABSENT);
        assertThat(Values.lookup(m, List.of("a", "l", "1"))).isEqualTo("y");
        assertThat(Values.lookup(m, List.of("a", "l", "2"))).isSameAs(Values.ABSENT);
    }
}
