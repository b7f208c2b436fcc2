package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case folder under test-fixtures/cases: the command line in {@code args} (one argument per line),
 * run from the case folder, must give exactly the {@code stdout}, {@code stderr} and {@code exit-code} stored
 * beside it. {@code -Dosk.updateGolden=true} rewrites the expected files instead (read the diff before committing).
 */
class GoldenCasesTest {
    static final Path REPO = Path.of(System.getProperty("osk.repo", "..")).toAbsolutePath().normalize();
    static final Path CASES = REPO.resolve("test-fixtures/cases");
    static final boolean UPDATE = Boolean.parseBoolean(System.getProperty("osk.updateGolden", "false"));

    @TestFactory
    Stream<DynamicTest> cases() throws IOException {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(CASES)) {
            dirs = s.filter(d -> Files.isRegularFile(d.resolve("args"))).sorted().toList();
        }
        assertThat(dirs).as("golden cases in %s", CASES).isNotEmpty();
        return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> run(d)));
    }

    static void run(Path dir) throws IOException {
        List<String> args = Files.readAllLines(dir.resolve("args"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isEmpty()).toList();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String oldHome = System.getProperty("osk.home");
        System.setProperty("osk.home", REPO.toString());
        int code;
        try {
            code = Main.run(dir, new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        } finally {
            if (oldHome == null) {
                System.clearProperty("osk.home");
            } else {
                System.setProperty("osk.home", oldHome);
            }
        }
        if (UPDATE) {
            Files.writeString(dir.resolve("stdout"), out.toString(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("stderr"), err.toString(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("exit-code"), code + "\n", StandardCharsets.UTF_8);
            return;
        }
        assertThat(code).as("exit code of %s", dir.getFileName())
                .isEqualTo(Integer.parseInt(Files.readString(dir.resolve("exit-code")).trim()));
        assertThat(err.toString()).as("stderr of %s", dir.getFileName())
                .isEqualTo(Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8));
        assertThat(out.toString()).as("stdout of %s", dir.getFileName())
                .isEqualTo(Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8));
    }
}
