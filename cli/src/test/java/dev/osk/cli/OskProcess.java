package dev.osk.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** osk in a JVM of its own, as a shell runs it: for what only a real process shows (descriptors, signals). */
final class OskProcess {
    private OskProcess() {
    }

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }

    /** The command line that starts osk with {@code tmpdir} as its temporary folder. */
    static List<String> command(Path tmpdir, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmpdir, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs {@code sh -c SCRIPT} where {@code $OSK} stands for the command that starts osk; stdout and stderr are captured unless redirected. */
    static Result shell(Path cwd, String script) throws IOException, InterruptedException {
        StringBuilder osk = new StringBuilder();
        for (String a : command(cwd)) {
            osk.append('\'').append(a.replace("'", "'\\''")).append("' ");
        }
        Path out = Files.createTempFile(cwd, "out", ".txt");
        Path err = Files.createTempFile(cwd, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", script.replace("$OSK", osk.toString().strip()))
                .directory(cwd.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("osk did not finish: " + script);
        }
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }
}
