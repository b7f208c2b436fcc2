package dev.osk.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** The osk command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.BufferedWriter(
                new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16));
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Like {@link #run(PrintWriter, PrintWriter, String...)} with relative paths resolved against {@code cwd}. */
    public static int run(java.nio.file.Path cwd, PrintWriter out, PrintWriter err, String... args) {
        return Workspace.in(cwd, () -> run(out, err, args));
    }

    /** Like {@link #run(java.nio.file.Path, PrintWriter, PrintWriter, String...)} reading stdin from {@code in}. */
    public static int run(java.nio.file.Path cwd, java.io.InputStream in, PrintWriter out, PrintWriter err,
            String... args) {
        return Workspace.withStdin(in, () -> run(cwd, out, err, args));
    }

    /** Runs osk with the given streams and returns the exit code; never exits the JVM. */
    public static int run(PrintWriter out, PrintWriter rawErr, String... args) {
        PrintWriter err = new StderrWriter(rawErr);
        ErrorReporter reporter = new ErrorReporter();
        CommandLine cl = new CommandLine(new OskCommand())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(reporter)
                .setParameterExceptionHandler(reporter)
                .setCaseInsensitiveEnumValuesAllowed(true)
                // -f and --set* are repeatable: each occurrence appends a layer in command-line order
                .setOverwrittenOptionsAllowed(true);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
