package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.cli.Osk.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -f -} (a values file on standard input) and {@code --set-literal}, as in Helm (README: Values). */
class StdinAndLiteralValuesCliTest {
    @TempDir
    Path dir;

    Result withStdin(String stdin, String... args) {
        return Osk.withStdin(dir, stdin, args);
    }

    @BeforeEach
    void chart() throws IOException {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/Chart.yaml"), "name: app\nversion: 0.1.0\n");
        Files.writeString(dir.resolve("app/values.yaml"), "a: default\nb: default\nc: default\n");
        Files.writeString(dir.resolve("o.yaml"), "b: from-file\n");
    }

    @Test
    void aValuesFileOnStandardInputIsMergedInItsPlaceAmongTheFiles() {
        Result r = withStdin("a: from-stdin\nb: from-stdin\n", "values", "app", "-f", "-", "-f", "o.yaml");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("a: from-stdin\nb: from-file\nc: default\n");
    }

    @Test
    void explainNamesStandardInputWithTheLine() {
        Result r = withStdin("# overlay\na: from-stdin\n", "values", "app", "-f", "-", "--explain");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out().lines()).contains("a: from-stdin  # <stdin>:2:4");
    }

    @Test
    void badYamlOnStandardInputIsOneLineNamingIt() {
        Result r = withStdin("a: [x\n", "values", "app", "-f", "-");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("<stdin>:");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void standardInputCanBeReadOnce() {
        Result twice = withStdin("a: x\n", "values", "app", "-f", "-", "-f", "-");
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).isEqualTo("osk: -f - given twice: standard input holds one values file\n");
        Result diff = withStdin("a: x\n", "diff", "-", "app", "-f", "-");
        assertThat(diff.code()).as(diff.toString()).isEqualTo(1);
        assertThat(diff.err()).contains("standard input can feed only one of them");
    }

    @Test
    void setLiteralTakesEverythingAfterTheFirstEqualsSignVerbatim() {
        Result r = withStdin("", "values", "app", "--set-literal", "a=x,b=y\\,z{1,2}=3",
                "--set-literal", "list[1].pw='p@ss:w/rd%'");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("a: x,b=y\\,z{1,2}=3\nb: default\nc: default\nlist:\n- null\n- pw: \"'p@ss:w/rd%'\"\n");
    }

    @Test
    void setLiteralValuesAreAlwaysStrings() {
        Result r = withStdin("", "values", "app", "--set-literal", "a=true", "--set-literal", "b=42",
                "--set-literal", "c=null");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("a: \"true\"\nb: \"42\"\nc: \"null\"\n");
    }
}
