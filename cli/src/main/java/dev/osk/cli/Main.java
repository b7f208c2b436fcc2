package dev.osk.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/** The osk command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // the descriptor itself, not System.out: a PrintStream swallows write errors (a full disk, a closed pipe)
        PrintWriter out = new StdoutWriter(new FileOutputStream(FileDescriptor.out));
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true);
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

    private static String reason(java.io.IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Runs osk with the given streams and returns the exit code; never exits the JVM. */
    public static int run(PrintWriter out, PrintWriter rawErr, String... args) {
        PrintWriter err = new StderrWriter(rawErr);
        ErrorReporter reporter = new ErrorReporter();
        CommandLine cl = OskCommand.commandLine(args)
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(reporter)
                .setParameterExceptionHandler(reporter)
                .setCaseInsensitiveEnumValuesAllowed(true)
                // -f and --set* are repeatable: each occurrence appends a layer in command-line order
                .setOverwrittenOptionsAllowed(true);
        int code;
        try {
            code = cl.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            code = reporter.handleExhaustion(e, err, java.util.Arrays.asList(args).contains("--debug"));
        }
        // a failed or short write to stdout is an error: the output is incomplete (PrintWriter only keeps a flag)
        if (out.checkError()) {
            java.io.IOException why = out instanceof StdoutWriter s ? s.failure() : null;
            err.println("osk: cannot write to standard output" + (why == null ? "" : ": " + reason(why))
                    + "; the output is incomplete");
            code = ExitCodes.ERROR;
        }
        err.flush();
        return code;
    }
}
