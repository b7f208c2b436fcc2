package dev.osk.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CLI test that writes its charts in a temporary folder of its own ({@link #tmp}) and runs osk on them through
 * {@link #osk}. A test class adds its charts in a {@code @BeforeEach} of its own, which JUnit runs after this one.
 */
abstract class ChartsInTempDir {
    @TempDir
    Path tmp;
    Osk osk;

    @BeforeEach
    void newOsk() {
        osk = new Osk(tmp);
    }

    /** The names of what is in {@code dir}, sorted. */
    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
