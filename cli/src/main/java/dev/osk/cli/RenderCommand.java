package dev.osk.cli;

import dev.osk.render.Engine;
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
@Command(name = "render", sortOptions = false,
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

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() {
        List<Manifest> manifests = new Engine().render(chart.request(showOnly));
        ManifestWriter writer = new ManifestWriter();
        if (outputDir != null) {
            writer.directory(manifests, Workspace.cwd().resolve(outputDir));
        } else {
            writer.stream(manifests, spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }
}
