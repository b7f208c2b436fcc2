package dev.osk.cli;

import dev.osk.render.Engine;
import dev.osk.render.RenderRequest;
import dev.osk.render.validate.ValidationOptions;
import java.io.PrintWriter;
import dev.osk.render.manifest.Manifest;
import dev.osk.render.manifest.ManifestWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code osk render}: charts to Kubernetes YAML on stdout (or one file per object). */
@Command(name = "render", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Render a chart tree to Kubernetes manifests.",
            "stdout carries only YAML; problems go to stderr as file:line:col: message."})
final class RenderCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ChartOptions chart = new ChartOptions();

    @Option(names = {"-s", "--show-only"}, paramLabel = "GLOB",
            description = "Render only templates whose source path matches (repeatable), e.g. 'templates/*.yaml'"
                    + " or '*/keystone/**'.")
    List<String> showOnly = new ArrayList<>();

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Write one file per object under DIR instead of stdout (DIR is replaced whole).")
    Path outputDir;

    @Option(names = "--skip-validation", description = "Do not validate the rendered objects.")
    boolean skipValidation;

    @Mixin
    ValidationFlags validation = new ValidationFlags();

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        if (outputDir != null) {
            // what a killed earlier run left beside the folder goes first, even if this render fails
            dev.osk.render.manifest.OutputFolder.sweep(Workspace.cwd().resolve(outputDir));
        }
        RenderRequest request = chart.request(showOnly);
        ValidationOptions vo = null;
        if (!skipValidation) {
            vo = validation.options(request.options().kubeVersion());
            // --show-only renders part of the set: cross-object checks would see objects as missing
            vo = showOnly.isEmpty() ? vo : vo.objectChecksOnly();
        }
        // validated as it is parsed; with findings, rendered again whole, with where the values on their lines
        // were set
        Engine.CheckedRendering checked = new Engine().renderChecked(request, vo);
        List<Manifest> manifests = checked.manifests();
        long t1 = System.nanoTime();
        if (checked.report() != null && !ValidationFlags.report(checked.report(), spec.commandLine().getErr(),
                "nothing written (--skip-validation to render anyway)")) {
            return ExitCodes.ERROR;
        }
        long t2 = System.nanoTime();
        ManifestWriter writer = new ManifestWriter();
        if (outputDir != null) {
            writer.directory(manifests, Workspace.cwd().resolve(outputDir));
        } else {
            writer.stream(manifests, spec.commandLine().getOut());
        }
        if (debug.debug) {
            long t3 = System.nanoTime();
            spec.commandLine().getErr().printf("osk: debug: %d objects; render and validate %d ms, report %d ms,"
                    + " write %d ms; JVM up %d ms%n", manifests.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    (t3 - t2) / 1_000_000, java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
            spec.commandLine().getErr().flush();
        }
        return ExitCodes.OK;
    }
}
