package dev.osk.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code osk completion bash|zsh|fish}: a shell completion script for every command and flag. Bash and zsh get
 * picocli's generated script (zsh runs it through bashcompinit); fish gets one {@code complete} line per command
 * and flag, written from the same command model.
 */
@Command(name = "completion", sortOptions = false,
        description = {"Print a shell completion script for osk's commands and flags.",
            "bash:  source <(osk completion bash)",
            "zsh:   source <(osk completion zsh)     (the script loads bashcompinit)",
            "fish:  osk completion fish | source"})
final class CompletionCommand implements Callable<Integer> {
    /** The shells osk writes completion for. */
    enum Shell { bash, zsh, fish }

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash, zsh or fish.")
    Shell shell;

    @Override
    public Integer call() {
        CommandLine all = OskCommand.commandLine();
        PrintWriter out = spec.commandLine().getOut();
        switch (shell) {
            case bash, zsh -> out.print(AutoComplete.bash("osk", all));
            case fish -> out.print(new FishCompletion().script(all));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
