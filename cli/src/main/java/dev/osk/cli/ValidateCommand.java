package dev.osk.cli;

import dev.osk.render.KubeVersion;
import dev.osk.render.TextInput;
import dev.osk.render.manifest.Manifest;
import dev.osk.render.manifest.ManifestReader;
import dev.osk.render.validate.ReportFormat;
import dev.osk.render.validate.ValidationReport;
import dev.osk.render.validate.Validator;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code osk validate}: strict offline validation of manifests from files, folders or stdin. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Validate Kubernetes manifests offline, as strictly as a real API server and across the set.",
            "Exit 0 when valid, 1 when any error is found, 2 on usage errors."})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE|DIR|-", arity = "0..*",
            description = "Manifest files, folders (recursively) or - for stdin (default: -).")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--kube-version", paramLabel = "X.Y", defaultValue = "1.34",
            description = "The Kubernetes version whose API to validate against (default: ${DEFAULT-VALUE}).")
    String kubeVersion;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json or junit.")
    String output;

    @Mixin
    ValidationFlags flags = new ValidationFlags();

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() throws IOException {
        ReportFormat format = ReportFormat.parse(output);
        KubeVersion version = KubeVersion.parse(kubeVersion);
        ManifestReader reader = new ManifestReader(Workspace.display());
        List<Manifest> manifests = new ArrayList<>();
        List<String> in = inputs.isEmpty() ? List.of("-") : inputs;
        for (String i : in) {
            if (i.equals("-")) {
                manifests.addAll(reader.parse(readStdin(), "<stdin>"));
            } else {
                manifests.addAll(reader.read(Workspace.cwd().resolve(i)));
            }
        }
        ValidationReport report = new Validator().validate(manifests, flags.options(version));
        PrintWriter out = spec.commandLine().getOut();
        out.print(format.write(report, manifests.stream().map(Manifest::describe).toList()));
        out.flush();
        return report.valid() ? ExitCodes.OK : ExitCodes.ERROR;
    }

    private static String readStdin() {
        return TextInput.read(Workspace.stdin(), "<stdin>", TextInput.MAX_YAML_BYTES, "standard input");
    }
}
