package dev.osk.cli;

import picocli.CommandLine.Command;

/** The root command. */
@Command(name = "osk", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Render Kubernetes manifests from nested Mustache charts with scoped values.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:render, values or validation error", "2:usage error"})
final class OskCommand implements Runnable {
    /** The subcommands' names, in the order help lists them. */
    private static final java.util.List<String> SUBCOMMANDS = java.util.List.of("render", "validate", "apply",
            "values", "graph", "lint", "package", "release", "diff", "passwords", "completion", "show", "create",
            "help");

    // a switch, not a map of constructor references: lambdas of picocli's classes (compiled for Java 5) break the
    // JDK's ahead-of-time cache
    private static Object subcommand(String name) {
        return switch (name) {
            case "render" -> new RenderCommand();
            case "validate" -> new ValidateCommand();
            case "apply" -> new ApplyCommand();
            case "values" -> new ValuesCommand();
            case "graph" -> new GraphCommand();
            case "lint" -> new LintCommand();
            case "package" -> new PackageCommand();
            case "release" -> new ReleaseCommand();
            case "diff" -> new DiffCommand();
            case "passwords" -> new PasswordsCommand();
            case "completion" -> new CompletionCommand();
            case "show" -> new ShowCommand();
            case "create" -> new CreateCommand();
            default -> new picocli.CommandLine.HelpCommand();
        };
    }

    /**
     * The command line for {@code args}: the root with only the subcommand that {@code args} names (picocli builds
     * the model of every registered command up front, which is most of osk's start-up), with none for a lone
     * {@code --version}, and with all of them otherwise (help, usage errors and their suggestions list them all).
     */
    static picocli.CommandLine commandLine(String... args) {
        picocli.CommandLine cl = new picocli.CommandLine(new OskCommand());
        String first = args.length == 0 ? null : args[0];
        if (args.length == 1 && ("--version".equals(first) || "-V".equals(first))) {
            return cl;
        }
        if (first != null && !"help".equals(first) && SUBCOMMANDS.contains(first)) {
            cl.addSubcommand(subcommand(first));
            return cl;
        }
        for (String name : SUBCOMMANDS) {
            cl.addSubcommand(subcommand(name));
        }
        return cl;
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
