package dev.osk.cli;

import dev.osk.render.InvalidRequestException;
import dev.osk.render.OskException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The single place where exceptions become exit codes and stderr lines: one line per problem
 * ({@code file:line:col: message}), stack traces only with {@code --debug}.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        boolean debug = Debug.enabled(parseResult);
        int code;
        if (ex instanceof InvalidRequestException e) {
            err.println("osk: " + e.getMessage());
            code = usageCode(cmd);
        } else if (ex instanceof OskException e) {
            for (String line : e.lines()) {
                err.println(line);
            }
            code = ExitCodes.ERROR;
        } else if (ex instanceof java.nio.file.InvalidPathException e) {
            // a file name given on the command line that no file system can hold (a NUL, an unpaired surrogate)
            err.println("osk: '" + e.getInput() + "' is not a valid path: " + e.getReason());
            code = usageCode(cmd);
        } else {
            err.println("osk: internal error: " + ex
                    + (debug ? "" : " (run again with --debug for the stack trace)"));
            code = ExitCodes.ERROR;
        }
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /**
     * An input that exhausted the stack or the heap in a place no bound caught first: one line, never a trace
     * without {@code --debug}.
     */
    int handleExhaustion(Error e, PrintWriter err, boolean debug) {
        String what = e instanceof StackOverflowError ? "the input nests too deeply to process (stack overflow)"
                : "out of memory (an input too large to process)";
        err.println("osk: " + what + (debug ? "" : "; run again with --debug for the stack trace"));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.ERROR;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String hint = "";
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            hint = " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
        }
        err.println("osk: " + ex.getMessage().replaceAll("\\s*\\n\\s*", " ").trim() + hint
                + "; see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return usageCode(cmd);
    }

    /** {@link ExitCodes#USAGE}, unless the command reports usage errors otherwise ({@code osk diff}: 1). */
    private static int usageCode(CommandLine cmd) {
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Whether --debug was given anywhere on the command line. */
    static final class Debug {
        private Debug() {
        }

        static boolean enabled(CommandLine.ParseResult pr) {
            for (CommandLine.ParseResult p = pr; p != null; p = p.subcommand()) {
                if (p.hasMatchedOption("--debug")) {
                    return true;
                }
            }
            return false;
        }
    }
}
