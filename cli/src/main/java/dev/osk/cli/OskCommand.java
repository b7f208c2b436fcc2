package dev.osk.cli;

import picocli.CommandLine.Command;

/** The root command. */
@Command(name = "osk", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = {RenderCommand.class, ValidateCommand.class, ApplyCommand.class, ValuesCommand.class, GraphCommand.class, PackageCommand.class, ReleaseCommand.class, DiffCommand.class, PasswordsCommand.class, picocli.CommandLine.HelpCommand.class},
        description = "Render Kubernetes manifests from nested Mustache charts with scoped values.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:render, values or validation error", "2:usage error"})
final class OskCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
