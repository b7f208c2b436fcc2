package dev.osk.cli;

import dev.osk.render.Engine;
import dev.osk.render.OskException;
import dev.osk.render.graph.DependencyGraph;
import dev.osk.render.graph.GraphFormat;
import dev.osk.render.graph.Graphviz;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code osk graph}: the bring-up order of a render as Graphviz DOT or Mermaid, or drawn by Graphviz. */
@Command(name = "graph", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Print which workload waits for which Service, Job or DaemonSet (kubernetes-entrypoint",
            "init containers), and which workloads serve each Service, as Graphviz DOT or Mermaid, or as an SVG or",
            "PNG picture drawn by Graphviz's dot (which must be on PATH)."})
final class GraphCommand implements Callable<Integer> {
    /** How long dot may take to draw the picture. */
    static final Duration DOT_TIMEOUT = Duration.ofSeconds(60);

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ChartOptions chart = new ChartOptions();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "dot",
            description = "dot (default), mermaid, svg or png. svg and png run Graphviz's dot on the DOT text and"
                    + " write the picture to stdout (png is binary: redirect it to a file).")
    String format;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() {
        GraphFormat f = GraphFormat.parse(format);
        Path dot = null;
        if (f.drawn()) {
            dot = ProgramPath.find("dot", Workspace.env("PATH"));
            if (dot == null) {
                throw new OskException("osk: graph -o " + f.id() + " needs Graphviz's dot on PATH (apt install"
                        + " graphviz); -o dot prints the graph as text");
            }
        }
        DependencyGraph g = DependencyGraph.of(new Engine().render(chart.request(List.of())));
        PrintWriter out = spec.commandLine().getOut();
        if (f.drawn()) {
            writePicture(out, new Graphviz(dot, DOT_TIMEOUT).draw(GraphFormat.DOT.write(g), f), f);
        } else {
            out.print(f.write(g));
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        for (DependencyGraph.Dangling d : g.dangling()) {
            err.println("osk: warning: " + d.waiter().id() + " waits for " + d.kind() + " '" + d.name()
                    + "', which this render does not contain");
        }
        err.flush();
        return ExitCodes.OK;
    }

    /**
     * The picture's bytes as they are on osk's standard output; a caller's own writer (embedding, tests) gets the
     * SVG as its text and each byte of a PNG as one char (ISO-8859-1).
     */
    private static void writePicture(PrintWriter out, byte[] picture, GraphFormat f) {
        if (out instanceof StdoutWriter stdout) {
            stdout.writeBytes(picture);
        } else {
            out.print(new String(picture, f == GraphFormat.SVG ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
        }
    }
}
