package dev.osk.cli;

import dev.osk.render.InvalidRequestException;
import dev.osk.render.RenderRequest;
import dev.osk.render.release.ReleaseBundle;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code osk release}: a release bundle (chart archive, effective values, rendered and validated manifests,
 * digests) in one folder; {@code osk release verify} checks one.
 */
@Command(name = "release", sortOptions = false, subcommands = ReleaseVerifyCommand.class,
        modelTransformer = ReleaseCommand.ChartRequired.class,
        description = {"Write a release bundle: the chart archive, the effective values, the validated manifests and"
                + " their digests.",
            "Packages CHART as VERSION, merges the values into one file, renders the archive with it and validates;"
                + " only valid objects are written. DIR gets NAME-VERSION.tgz, values.yaml, release.yaml,"
                + " manifests.yaml, manifests/ and SHA256SUMS, written aside and swapped in whole.",
            "Prints the sha256 of the archive and of SHA256SUMS. 'osk release verify DIR' checks a bundle."})
final class ReleaseCommand implements Callable<Integer> {
    @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ChartOptions chart = new ChartOptions();

    @Option(names = "--version", paramLabel = "V", description = "Version to release the chart as (required).")
    String version;

    @Option(names = "--app-version", paramLabel = "V", description = "appVersion of the archived chart.")
    String appVersion;

    @Option(names = {"-d", "--destination"}, paramLabel = "DIR", description = "Bundle folder to write (required).")
    Path destination;

    @Mixin
    ValidationFlags validation = new ValidationFlags();

    @Mixin
    DebugOption debug;

    /** The shared CHART argument has a default elsewhere; here it is required, and its help says so. */
    static final class ChartRequired implements picocli.CommandLine.IModelTransformer {
        @Override
        public picocli.CommandLine.Model.CommandSpec transform(picocli.CommandLine.Model.CommandSpec spec) {
            for (picocli.CommandLine.Model.PositionalParamSpec p : List.copyOf(spec.positionalParameters())) {
                if ("CHART".equals(p.paramLabel())) {
                    spec.remove(p);
                    spec.addPositional(picocli.CommandLine.Model.PositionalParamSpec.builder(p)
                            .description("Chart folder or chart archive to release (required).").build());
                }
            }
            return spec;
        }
    }

    @Override
    public Integer call() {
        if (chart.chart == null) {
            throw new InvalidRequestException("release: CHART is required (osk release CHART -f FILE... --version V"
                    + " -d DIR)");
        }
        if (version == null) {
            throw new InvalidRequestException("release: --version is required");
        }
        if (destination == null) {
            throw new InvalidRequestException("release: -d DIR is required");
        }
        if (validation.customResources()) {
            // a bundle records how it was validated and is verified again from itself alone
            throw new InvalidRequestException("release: --crd and --skip-kind are not supported: a release bundle"
                    + " is verified from its own contents");
        }
        Path dir = Workspace.cwd().resolve(destination);
        dev.osk.render.manifest.OutputFolder.sweep(dir);
        RenderRequest request = chart.request(List.of());
        ReleaseBundle.Plan plan = new ReleaseBundle.Plan(request, version, appVersion,
                PackageCommand.sourceDateEpoch(), validation.options(request.options().kubeVersion()),
                VersionProvider.version());
        ReleaseBundle.Outcome outcome = new ReleaseBundle().create(plan, dir);
        PrintWriter err = spec.commandLine().getErr();
        if (!ValidationFlags.report(outcome.report(), err, "no bundle written") || !outcome.written()) {
            return ExitCodes.ERROR;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(outcome.archive().sha256() + "  " + Workspace.display(dir.resolve(outcome.archive().fileName())));
        out.println(outcome.sumsSha256() + "  " + Workspace.display(dir.resolve(ReleaseBundle.SUMS_FILE)));
        out.flush();
        return ExitCodes.OK;
    }
}
