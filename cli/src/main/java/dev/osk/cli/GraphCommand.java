package dev.osk.cli;

import dev.osk.render.Engine;
import dev.osk.render.graph.DependencyGraph;
import dev.osk.render.graph.GraphFormat;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code osk graph}: the bring-up order of a render as Graphviz DOT or Mermaid. */
@Command(name = "graph", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Print which workload waits for which Service, Job or DaemonSet (kubernetes-entrypoint",
            "init containers), and which workloads serve each Service, as Graphviz DOT or Mermaid."})
final class GraphCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ChartOptions chart = new ChartOptions();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "dot",
            description = "dot (default) or mermaid.")
    String format;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() {
        GraphFormat f = GraphFormat.parse(format);
        DependencyGraph g = DependencyGraph.of(new Engine().render(chart.request(List.of())));
        PrintWriter out = spec.commandLine().getOut();
        out.print(f.write(g));
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        for (DependencyGraph.Dangling d : g.dangling()) {
            err.println("osk: warning: " + d.waiter().id() + " waits for " + d.kind() + " '" + d.name()
                    + "', which this render does not contain");
        }
        err.flush();
        return ExitCodes.OK;
    }
}
