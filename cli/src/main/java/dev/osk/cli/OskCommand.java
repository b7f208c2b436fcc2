package dev.osk.cli;

import picocli.CommandLine.Command;

/** The root command. */
@Command(name = "osk", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Render Kubernetes manifests from nested Mustache charts with scoped values.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:render, values or validation error", "2:usage error"})
final class OskCommand implements Runnable {
    /** The subcommands, in the order help lists them; each is built only when a command line needs it. */
    private static final java.util.Map<String, java.util.function.Supplier<Object>> SUBCOMMANDS;

    static {
        java.util.Map<String, java.util.function.Supplier<Object>> m = new java.util.LinkedHashMap<>();
        m.put("render", RenderCommand::new);
        m.put("validate", ValidateCommand::new);
        m.put("apply", ApplyCommand::new);
        m.put("values", ValuesCommand::new);
        m.put("graph", GraphCommand::new);
        m.put("package", PackageCommand::new);
        m.put("release", ReleaseCommand::new);
        m.put("diff", DiffCommand::new);
        m.put("passwords", PasswordsCommand::new);
        m.put("help", picocli.CommandLine.HelpCommand::new);
        SUBCOMMANDS = java.util.Collections.unmodifiableMap(m);
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
        if (first != null && !"help".equals(first) && SUBCOMMANDS.containsKey(first)) {
            cl.addSubcommand(SUBCOMMANDS.get(first).get());
            return cl;
        }
        for (java.util.function.Supplier<Object> sub : SUBCOMMANDS.values()) {
            cl.addSubcommand(sub.get());
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
