package dev.osk.cli;

import dev.osk.render.KubeVersion;
import dev.osk.render.RenderOptions;
import dev.osk.render.RenderRequest;
import dev.osk.render.values.ValueSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The chart argument and the flags every command that renders shares. With no CHART, the shipped default kit
 * is used, and with it {@code values/aio.yaml} unless a {@code -f} is given.
 */
public final class ChartOptions {
    static final String DEFAULT_KIT = "charts/kits/openstack";
    static final String DEFAULT_OVERLAY = "values/aio.yaml";

    @Parameters(index = "0", arity = "0..1", paramLabel = "CHART",
            description = "Chart folder (default: the shipped OpenStack kit with values/aio.yaml).")
    String chart;

    @Mixin
    ValuesOptions values = new ValuesOptions();

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "Namespace: written into namespaced objects that set none, and visible as osk.release.namespace.")
    String namespace;

    @Option(names = "--release-name", paramLabel = "NAME", description = "Release name templates see (default: the chart name).")
    String releaseName;

    @Option(names = "--kube-version", paramLabel = "X.Y",
            description = "Kubernetes version to render for (default: ${DEFAULT-VALUE}).", defaultValue = "1.34")
    String kubeVersion;

    RenderRequest request(List<String> showOnly) {
        Path cwd = Workspace.cwd();
        Path chartPath;
        List<ValueSource> sources = new ArrayList<>();
        if (chart == null) {
            Path home = Workspace.home();
            chartPath = home.resolve(DEFAULT_KIT);
            if (!values.hasFiles()) {
                sources.add(new ValueSource(ValueSource.Kind.FILE, home.resolve(DEFAULT_OVERLAY).toString()));
            }
        } else {
            chartPath = Path.of(chart);
        }
        sources.addAll(values.sources());
        RenderOptions opts = new RenderOptions(releaseName, namespace == null ? "default" : namespace,
                namespace != null, KubeVersion.parse(kubeVersion), showOnly);
        return new RenderRequest(chartPath, sources, opts, cwd, Workspace.display());
    }
}
