package dev.osk.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Work spread over the cores gives what a loop in order gives: the results in order, the first failure. */
class ParallelTest {
    private static final List<Integer> ITEMS = IntStream.range(0, 5000).boxed().toList();

    @Test
    void resultsKeepTheItemsOrder() {
        List<Integer> squares = Parallel.map(ITEMS, 10, i -> i * i);
        List<Integer> expected = new ArrayList<>();
        for (int i : ITEMS) {
            expected.add(i * i);
        }
        assertThat(squares).isEqualTo(expected);
    }

    @Test
    void theFirstFailureInOrderIsTheOneThrown() {
        for (int first : new int[] {0, 1, 2500, 4998}) {
            assertThatThrownBy(() -> Parallel.map(ITEMS, 10, i -> {
                if (i == first || i == 4999 || i == first + 1) {
                    throw new OskException(Location.of("item-" + i), "failed");
                }
                return i;
            })).hasMessage("item-" + first + ": failed");
        }
    }

    @Test
    void errorsAreThrownAsTheyWere() {
        assertThatThrownBy(() -> Parallel.map(ITEMS, 10, i -> {
            if (i == 3000) {
                throw new StackOverflowError("deep");
            }
            return i;
        })).isInstanceOf(StackOverflowError.class).hasMessage("deep");
    }

    @Test
    void smallListsGiveTheSameResults() {
        assertThat(Parallel.map(List.of(3, 1, 2), 64, i -> i + 1)).containsExactly(4, 2, 3);
        assertThat(Parallel.map(List.<Integer>of(), 0, i -> i)).isEmpty();
    }
}
