package dev.osk.cli;

import dev.osk.render.InvalidRequestException;
import dev.osk.render.release.ChartPackager;
import dev.osk.render.release.PackagedChart;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code osk package}: a chart folder to a reproducible {@code NAME-VERSION.tgz} that renders on its own. */
@Command(name = "package", sortOptions = false,
        description = {"Pack a chart and every chart it depends on into a reproducible NAME-VERSION.tgz.",
            "The archive renders on its own (osk render NAME-VERSION.tgz). The same chart files give the same bytes"
                + " on any machine; entry times come from SOURCE_DATE_EPOCH (default 1980-01-01).",
            "Prints 'SHA256  ARCHIVE' and writes that line to ARCHIVE.sha256."})
final class PackageCommand implements Callable<Integer> {
    @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHART", description = "Chart folder (or a chart archive to re-pack).")
    String chart;

    @Option(names = {"-d", "--destination"}, paramLabel = "DIR", defaultValue = ".",
            description = "Folder to write the archive to (default: the working directory).")
    Path destination;

    @Option(names = "--version", paramLabel = "V", description = "Version of the archived chart (its Chart.yaml).")
    String version;

    @Option(names = "--app-version", paramLabel = "V", description = "appVersion of the archived chart.")
    String appVersion;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() {
        Path cwd = Workspace.cwd();
        PackagedChart packed = new ChartPackager(Workspace.display()).pack(cwd.resolve(chart), version, appVersion,
                sourceDateEpoch());
        Path archive = packed.writeTo(cwd.resolve(destination));
        PrintWriter out = spec.commandLine().getOut();
        out.println(packed.sha256() + "  " + Workspace.display(archive));
        out.flush();
        return ExitCodes.OK;
    }

    /** SOURCE_DATE_EPOCH (seconds since 1970), or the fixed default epoch when it is unset or empty. */
    static long sourceDateEpoch() {
        String v = Workspace.env("SOURCE_DATE_EPOCH");
        if (v == null || v.isEmpty()) {
            return ChartPackager.DEFAULT_EPOCH;
        }
        if (!v.matches("\\d{1,12}")) {
            throw new InvalidRequestException("SOURCE_DATE_EPOCH '" + v
                    + "' is not a whole number of seconds since 1970-01-01");
        }
        return Long.parseLong(v);
    }
}
