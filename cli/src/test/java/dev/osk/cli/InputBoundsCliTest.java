package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * README "Limits": every input is read within a bound, counted while reading (so an endless input stops at the
 * limit), only regular files are opened (a FIFO would block for ever, a device never ends), and text must be
 * UTF-8. Each refusal is one line naming the input and saying why; a missing file named on the command line is a
 * usage error (2), an input that is there but cannot be read is an error (1).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a guard, should a FIFO block again: a hang fails instead of stalling
class InputBoundsCliTest extends ChartsInTempDir {
    @BeforeEach
    void setUp() {
        osk.chart("app", "app");
        osk.write("app/templates/cm.yaml", Osk.configMap("app", "x: {{x?}}"));
    }

    /** One line on stderr, nothing on stdout, no trace; returns the line. */
    private static String refused(Osk.Result r, int code) {
        return r.onlyErrLine(code, "\tat ", "Exception", "internal error");
    }

    private void mkfifo(String rel) throws IOException, InterruptedException {
        Path p = osk.base().resolve(rel);
        Files.createDirectories(p.getParent());
        Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertThat(mk.waitFor()).isZero();
    }

    /** An endless stream of zero bytes, like /dev/zero on standard input. */
    static final class Zeros extends InputStream {
        long served;

        @Override
        public int read() {
            served++;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 0);
            served += len;
            return len;
        }
    }

    private static Osk.Result withStdin(InputStream in, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(Path.of("").toAbsolutePath(), in, new PrintWriter(out), new PrintWriter(err), args);
        return new Osk.Result(code, out.toString(), err.toString());
    }

    @Test
    void devicesAreRefusedWithWhatTheyAre() {
        assertThat(refused(Osk.run("render", osk.path("app"), "-f", "/dev/zero"), 1))
                .isEqualTo("/dev/zero: is a character device, not a regular file; osk reads only regular files");
        assertThat(refused(Osk.run("render", osk.path("app"), "--set-file", "x=/dev/zero"), 1))
                .isEqualTo("/dev/zero: is a character device, not a regular file; osk reads only regular files");
        assertThat(refused(Osk.run("validate", "/dev/zero"), 1)).isEqualTo(
                "/dev/zero: is a character device, not a manifest file or folder; osk reads only regular files");
    }

    @Test
    void endlessStandardInputStopsAtTheLimit() {
        Zeros zeros = new Zeros();
        String line = refused(withStdin(zeros, "validate", "-"), 1);
        assertThat(line).isEqualTo("<stdin>: is larger than 16 MiB, the most osk reads from standard input");
        assertThat(zeros.served).isLessThan(17L << 20);
        Zeros more = new Zeros();
        assertThat(refused(withStdin(more, "diff", "-", osk.path("app")), 1))
                .isEqualTo("<stdin>: is larger than 16 MiB, the most osk reads from standard input");
    }

    @Test
    void filesLargerThanTheirBoundAreRefused() throws IOException {
        Path big = osk.base().resolve("big.yaml");
        Files.write(big, ("x: \"" + "a".repeat(16 << 20) + "\"\n").getBytes());
        assertThat(refused(Osk.run("render", osk.path("app"), "-f", big.toString()), 1))
                .isEqualTo(big + ": is larger than 16 MiB, the most osk reads from a values file");
        assertThat(refused(Osk.run("validate", big.toString()), 1))
                .isEqualTo(big + ": is larger than 16 MiB, the most osk reads from a manifest file");
        Path file = osk.base().resolve("ca.pem");
        Files.write(file, new byte[(1 << 20) + 1]);
        assertThat(refused(Osk.run("render", osk.path("app"), "--set-file", "x=" + file), 1))
                .isEqualTo(file + ": is larger than 1 MiB, the most osk reads from a --set-file file");
        Files.write(file, "y".repeat(1 << 20).getBytes());
        Osk.Result ok = Osk.run("render", osk.path("app"), "--set-file", "x=" + file);
        assertThat(ok.code()).as(ok.err()).isZero();
    }

    @Test
    void fifosNeverBlock() throws Exception {
        mkfifo("pipe.yaml");
        String pipe = osk.path("pipe.yaml");
        assertThat(refused(Osk.run("render", osk.path("app"), "-f", pipe), 1))
                .isEqualTo(pipe + ": is a FIFO (named pipe), not a regular file; osk reads only regular files");
        assertThat(refused(Osk.run("render", osk.path("app"), "--set-file", "x=" + pipe), 1))
                .isEqualTo(pipe + ": is a FIFO (named pipe), not a regular file; osk reads only regular files");
        assertThat(refused(Osk.run("validate", pipe), 1)).isEqualTo(
                pipe + ": is a FIFO (named pipe), not a manifest file or folder; osk reads only regular files");
        assertThat(refused(Osk.run("diff", pipe, osk.path("app")), 1)).isEqualTo(pipe
                + ": is a FIFO (named pipe), not a manifest file, folder or chart; osk reads only regular files");

        mkfifo("set/cm.yaml");
        assertThat(refused(Osk.run("validate", osk.path("set")), 1)).isEqualTo(osk.path("set/cm.yaml")
                + ": is a FIFO (named pipe), not a manifest file; osk reads only regular files");

        mkfifo("app/values.yaml");
        assertThat(refused(Osk.run("render", osk.path("app")), 1)).isEqualTo(osk.path("app/values.yaml")
                + ": is a FIFO (named pipe), not a regular file; osk reads only regular files");
        Files.delete(osk.base().resolve("app/values.yaml"));
        mkfifo("app/templates/pipe.yaml");
        for (String command : List.of("render", "package")) {
            assertThat(refused(Osk.run(command, osk.path("app")), 1)).isEqualTo(osk.path("app/templates/pipe.yaml")
                    + ": is a FIFO (named pipe); a chart holds only regular files and folders");
        }
    }

    @Test
    void binaryInputIsNotUtf8TextAtAnOffset() throws IOException {
        Path bin = osk.base().resolve("bin.yaml");
        Files.write(bin, new byte[] {'a', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
        String why = ": is not UTF-8 text (byte 0xff at offset 3 is not part of a UTF-8 character)";
        assertThat(refused(Osk.run("render", osk.path("app"), "-f", bin.toString()), 1)).isEqualTo(bin + why);
        assertThat(refused(Osk.run("validate", bin.toString()), 1)).isEqualTo(bin + why);
        assertThat(refused(withStdin(new ByteArrayInputStream(Files.readAllBytes(bin)), "validate", "-"), 1))
                .isEqualTo("<stdin>" + why);
        Files.copy(bin, osk.base().resolve("app/templates/bin.yaml"));
        assertThat(refused(Osk.run("render", osk.path("app")), 1)).isEqualTo(osk.path("app/templates/bin.yaml") + why);
    }

    @Test
    void aValuesFileThatIsThereButUnreadableIsAnErrorAMissingOneAUsageError() {
        assertThat(refused(Osk.run("render", osk.path("app"), "-f", osk.path("nope.yaml")), 2))
                .isEqualTo("osk: -f " + osk.path("nope.yaml") + ": no such file");
        assertThat(refused(Osk.run("render", osk.path("app"), "-f", osk.path("app")), 1))
                .isEqualTo(osk.path("app") + ": is a folder, not a regular file; osk reads only regular files");
        assertThat(refused(Osk.run("render", osk.path("app"), "--set-file", "x=" + osk.path("nope")), 2))
                .isEqualTo("osk: --set-file 'x=" + osk.path("nope") + "': no such file '" + osk.path("nope") + "'");
    }
}
