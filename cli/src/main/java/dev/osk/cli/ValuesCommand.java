package dev.osk.cli;

import dev.osk.render.Engine;
import dev.osk.render.Location;
import dev.osk.render.values.ValuePath;
import dev.osk.render.values.ValueTree;
import dev.osk.render.yaml.JsonPointer;
import dev.osk.render.yaml.YamlScalars;
import dev.osk.render.yaml.YamlWriter;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code osk values}: the effective values of a chart tree, optionally with the source of every leaf. */
@Command(name = "values", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Print the effective values of a chart tree as YAML.",
            "Each enabled dependency's values appear under its name or alias; global once at the top."})
final class ValuesCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ChartOptions chart = new ChartOptions();

    @Option(names = "--explain", description = "List every leaf as 'path: value  # source' (file:line or flag).")
    boolean explain;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() {
        ValueTree tree = new Engine().values(chart.request(List.of()));
        PrintWriter out = spec.commandLine().getOut();
        if (!explain) {
            out.print(tree.data().isEmpty() ? "{}\n" : new YamlWriter().write(tree.data()));
        } else {
            explain(out, tree, tree.data(), "", List.of());
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void explain(PrintWriter out, ValueTree tree, Object node, String ptr, List<String> path) {
        if (node instanceof Map<?, ?> m && !m.isEmpty()) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = String.valueOf(e.getKey());
                List<String> p = new java.util.ArrayList<>(path);
                p.add(k);
                explain(out, tree, e.getValue(), JsonPointer.append(ptr, k), p);
            }
            return;
        }
        Location origin = tree.originOf(ptr);
        out.println(ValuePath.format(path) + ": " + YamlScalars.inline(node) + "  # "
                + (origin == null ? "(no source)" : origin.toString()));
    }
}
