package dev.osk.render.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osk.render.OskException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Graphviz} with stand-ins for dot: what it is given, what it writes, and a dot that never ends. */
class GraphvizTest {
    @TempDir
    Path tmp;

    private Path dot(String script) throws IOException {
        Path dot = tmp.resolve("dot");
        Files.writeString(dot, "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(dot, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dot;
    }

    @Test
    void theDotTextGoesInAndThePictureComesOut() throws IOException {
        Path dot = dot("echo \"$@\"\ncat\n");
        byte[] out = new Graphviz(dot, Duration.ofSeconds(30)).draw("digraph g { \"ä\" }\n", GraphFormat.PNG);
        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("-Tpng\ndigraph g { \"ä\" }\n");
    }

    @Test
    void outputLargerThanAPipeOnBothStreamsDoesNotStallDot() throws IOException {
        // 1 MB on stderr before stdout is closed: both are read while dot runs
        Path dot = dot("cat > /dev/null\nhead -c 1000000 /dev/zero >&2\nhead -c 1000000 /dev/zero\n");
        byte[] out = new Graphviz(dot, Duration.ofSeconds(30)).draw("digraph g {}\n", GraphFormat.SVG);
        assertThat(out).hasSize(1_000_000);
    }

    @Test
    void aDotThatRunsTooLongIsStopped() throws Exception {
        Path pid = tmp.resolve("pid");
        Path dot = dot("echo $$ > " + pid + "\nexec sleep 30\n");
        long start = System.nanoTime();
        assertThatThrownBy(() -> new Graphviz(dot, Duration.ofSeconds(1)).draw("digraph g {}\n", GraphFormat.SVG))
                .isInstanceOf(OskException.class)
                .hasMessage("osk: graph -o svg: " + dot + " did not finish within 1 s; stopped");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        long id = Long.parseLong(Files.readString(pid).strip());
        for (int i = 0; i < 50 && ProcessHandle.of(id).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
        assertThat(ProcessHandle.of(id).map(ProcessHandle::isAlive).orElse(false)).as("dot still runs").isFalse();
    }

    @Test
    void aDotThatCannotStartIsAnError() {
        Path missing = tmp.resolve("no-dot");
        assertThatThrownBy(() -> new Graphviz(missing, Duration.ofSeconds(1)).draw("digraph g {}\n", GraphFormat.SVG))
                .isInstanceOf(OskException.class)
                .hasMessageStartingWith("osk: graph -o svg: cannot run " + missing + ": ");
    }
}
