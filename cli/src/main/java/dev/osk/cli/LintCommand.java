package dev.osk.cli;

import dev.osk.render.InvalidRequestException;
import dev.osk.render.KubeVersion;
import dev.osk.render.lint.ChartLint;
import dev.osk.render.lint.LintFinding;
import dev.osk.render.validate.ValidationOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code osk lint CHART...}: each chart rendered and validated with its defaults and with every {@code ci/*.yaml}
 * overlay, and the values no template reads; one line per finding on stdout and a summary line.
 */
@Command(name = "lint", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Check charts: render and validate each with its defaults and with every overlay in its ci/"
                + " folder, and report the values its values.yaml and the overlays set that no template reads.",
            "One line per finding on stdout, then 'N charts linted, N failed'. Exit 0 without errors (warnings"
                + " allowed unless --strict), 1 with errors, 2 on usage errors."})
final class LintCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CHART", description = "Chart folders or chart archives (.tgz) to lint.")
    List<String> charts = new ArrayList<>();

    @Option(names = "--strict", description = "Count warnings (values no template reads) as failures.")
    boolean strict;

    @Option(names = "--kube-version", paramLabel = "X.Y",
            description = "Kubernetes version to render and validate for (default: ${DEFAULT-VALUE}).",
            defaultValue = "1.34")
    String kubeVersion;

    @Mixin
    CustomResourceFlags customResources = new CustomResourceFlags();

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() {
        KubeVersion version = KubeVersion.parse(kubeVersion);
        Path cwd = Workspace.cwd();
        for (String c : charts) {
            Path p = cwd.resolve(c);
            if (!Files.isRegularFile(p.resolve("Chart.yaml")) && !(Files.isRegularFile(p) && c.endsWith(".tgz"))) {
                throw new InvalidRequestException("'" + c + "' is not a chart folder (no Chart.yaml) or a chart"
                        + " archive (.tgz)");
            }
        }
        ChartLint lint = new ChartLint(cwd, Workspace.display(),
                customResources.apply(new ValidationOptions(version, Set.of(), Set.of())));
        PrintWriter out = spec.commandLine().getOut();
        int failed = 0;
        for (String c : charts) {
            boolean fails = false;
            for (LintFinding f : lint.lint(Path.of(c))) {
                out.println(f.text());
                fails |= f.isError() || strict;
            }
            if (fails) {
                failed++;
            }
        }
        out.println(charts.size() + (charts.size() == 1 ? " chart" : " charts") + " linted, " + failed + " failed");
        out.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.ERROR;
    }
}
