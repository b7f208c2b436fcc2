package dev.osk.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A fish completion script written from picocli's command model (picocli generates only bash and zsh): one
 * {@code complete -c osk} line per subcommand and per flag, offered once the subcommand path before it is typed.
 */
final class FishCompletion {

    String script(CommandLine root) {
        StringBuilder b = new StringBuilder("# fish completion for osk: osk completion fish | source\n");
        b.append("complete -c osk -f\n");
        walk(root, List.of(), b);
        return b.toString();
    }

    private void walk(CommandLine cl, List<String> path, StringBuilder b) {
        CommandSpec spec = cl.getCommandSpec();
        String condition = condition(path, cl.getSubcommands());
        for (Map.Entry<String, CommandLine> sub : cl.getSubcommands().entrySet()) {
            b.append("complete -c osk -n ").append(quote(condition)).append(" -a ").append(quote(sub.getKey()))
                    .append(" -d ").append(quote(summary(sub.getValue().getCommandSpec()))).append('\n');
        }
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            b.append("complete -c osk -n ").append(quote(condition));
            for (String name : o.names()) {
                if (name.startsWith("--")) {
                    b.append(" -l ").append(name.substring(2));
                } else if (name.length() == 2) {
                    b.append(" -s ").append(name.substring(1));
                }
            }
            if (o.arity().max() > 0) {
                b.append(" -r");
                if (o.type() == java.nio.file.Path.class || o.paramLabel().contains("FILE")
                        || o.paramLabel().contains("DIR")) {
                    b.append(" -F");
                }
            }
            String[] d = o.description();
            if (d.length > 0) {
                b.append(" -d ").append(quote(firstSentence(d[0])));
            }
            b.append('\n');
        }
        if (!spec.positionalParameters().isEmpty() && cl.getSubcommands().isEmpty()) {
            // CHART, FILE, DIR arguments: let fish offer file names
            b.append("complete -c osk -n ").append(quote(condition)).append(" -F\n");
        }
        for (Map.Entry<String, CommandLine> sub : cl.getSubcommands().entrySet()) {
            List<String> p = new ArrayList<>(path);
            p.add(sub.getKey());
            walk(sub.getValue(), p, b);
        }
    }

    /** The fish test that the command line so far is exactly {@code path}, with no further subcommand. */
    private static String condition(List<String> path, Map<String, CommandLine> subs) {
        StringBuilder c = new StringBuilder();
        if (path.isEmpty()) {
            c.append("__fish_use_subcommand");
        } else {
            for (String p : path) {
                if (c.length() > 0) {
                    c.append("; and ");
                }
                c.append("__fish_seen_subcommand_from ").append(p);
            }
            if (!subs.isEmpty()) {
                c.append("; and not __fish_seen_subcommand_from ").append(String.join(" ", subs.keySet()));
            }
        }
        return c.toString();
    }

    private static String summary(CommandSpec spec) {
        String[] d = spec.usageMessage().description();
        return d.length == 0 ? "" : firstSentence(d[0]);
    }

    private static String firstSentence(String s) {
        String t = s.replace("%n", " ").strip();
        int dot = t.indexOf(". ");
        return dot < 0 ? t : t.substring(0, dot + 1);
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
