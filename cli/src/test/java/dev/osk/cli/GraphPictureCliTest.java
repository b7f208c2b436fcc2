package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * README "Commands", {@code osk graph -o svg|png}: the DOT text goes to Graphviz's {@code dot} found on PATH, and
 * what dot writes is osk's output; without dot, or when dot fails, one line on stderr and exit 1. A stand-in
 * {@code dot} (a shell script) takes the real one's place; the real one is used too when it is installed.
 */
class GraphPictureCliTest extends ChartsInTempDir {
    /** The DOT text of the chart below: one Deployment, nothing it waits for. */
    private static final String DOT = "digraph osk {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n"
            + "  \"deployment/api\" [label=\"Deployment\\napi\"];\n}\n";

    @BeforeEach
    void setUp() {
        osk.chart("app", "app");
        osk.write("app/templates/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n");
    }

    /** A folder holding only an executable {@code dot} with {@code script} as its body. */
    private Path fakeDot(String script) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path dot = bin.resolve("dot");
        Files.writeString(dot, "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(dot, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    @Test
    void svgIsWhatDotWritesForTheDotText() throws IOException {
        Path bin = fakeDot("printf '<svg args=\"%s\">\\n' \"$*\"\ncat\nprintf '</svg>\\n'\n");
        Osk.Result r = Osk.exec(Map.of("PATH", tmp.resolve("nothing") + ":" + bin), "graph", osk.path("app"),
                "-o", "svg");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("<svg args=\"-Tsvg\">\n" + DOT + "</svg>\n");
    }

    @Test
    void withoutDotOnPathThePictureIsAnErrorThatNamesTheWayOut() {
        Osk.Result r = Osk.exec(Map.of("PATH", tmp.resolve("nothing").toString()), "graph", osk.path("app"),
                "-o", "png");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("osk: graph -o png needs Graphviz's dot on PATH (apt install graphviz);"
                + " -o dot prints the graph as text\n");
    }

    @Test
    void aDotThatIsNotExecutableIsNotFound() throws IOException {
        Path bin = fakeDot("exit 0\n");
        Files.setPosixFilePermissions(bin.resolve("dot"), PosixFilePermissions.fromString("rw-r--r--"));
        Osk.Result r = Osk.exec(Map.of("PATH", bin.toString()), "graph", osk.path("app"), "-o", "svg");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).startsWith("osk: graph -o svg needs Graphviz's dot on PATH");
    }

    @Test
    void aDotThatFailsIsAnErrorWithTheFirstLineItWrote() throws IOException {
        Path bin = fakeDot("cat > /dev/null\necho >&2\necho 'Error: <stdin>: syntax error in line 1 near x' >&2\n"
                + "echo 'second line' >&2\nexit 3\n");
        Osk.Result r = Osk.exec(Map.of("PATH", bin.toString()), "graph", osk.path("app"), "-o", "svg");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("osk: graph -o svg: " + bin.resolve("dot") + " failed (exit 3): Error:"
                + " <stdin>: syntax error in line 1 near x\n");
    }

    @Test
    void pngBytesReachStandardOutputUnchangedAndNoFileIsLeft() throws Exception {
        // the PNG signature and bytes that are not UTF-8
        Path bin = fakeDot("cat > /dev/null\nprintf '\\211PNG\\r\\n\\032\\n\\000\\377\\300'\n");
        byte[] expected = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, (byte) 0xff, (byte) 0xc0};
        Path run = Files.createDirectories(tmp.resolve("run"));
        OskProcess.Result r = OskProcess.shell(run, "PATH=" + bin + ":$PATH $OSK graph " + osk.path("app")
                + " -o png > picture.png");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(Files.readAllBytes(run.resolve("picture.png"))).isEqualTo(expected);
        // the temporary folder of that osk is run/ itself: nothing but the picture is there
        assertThat(names(run)).containsExactly("picture.png");

        // an embedding caller's writer gets one char per byte
        Osk.Result in = Osk.exec(Map.of("PATH", bin.toString()), "graph", osk.path("app"), "-o", "png");
        assertThat(in.code()).as(in.toString()).isZero();
        assertThat(in.out().getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(expected);
    }

    @Test
    void anUnknownFormatNamesThePictures() {
        Osk.Result r = Osk.exec("graph", osk.path("app"), "-o", "pdf");
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("osk: unknown graph format 'pdf'; legal values: dot, mermaid, svg, png\n");
    }

    @Test
    void theRealDotDrawsTheGraphWhenInstalled() {
        String path = System.getenv("PATH");
        Assumptions.assumeTrue(ProgramPath.find("dot", path) != null, "Graphviz's dot is not installed");
        Osk.Result svg = Osk.exec(Map.of("PATH", path), "graph", osk.path("app"), "-o", "svg");
        assertThat(svg.code()).as(svg.toString()).isZero();
        assertThat(svg.out()).contains("<svg").contains("<title>deployment/api</title>").endsWith("</svg>\n");
        Osk.Result png = Osk.exec(Map.of("PATH", path), "graph", osk.path("app"), "-o", "png");
        assertThat(png.code()).as(png.toString()).isZero();
        assertThat(png.out()).startsWith("\u0089PNG\r\n\u001a\n");
    }
}
