package dev.osk.render.graph;

import java.util.Locale;

/** Text forms of a {@link DependencyGraph}: Graphviz DOT and Mermaid. */
public enum GraphFormat {
    DOT, MERMAID;

    public static GraphFormat parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new dev.osk.render.InvalidRequestException("unknown graph format '" + s + "'; legal values: dot, mermaid");
        }
    }

    public String write(DependencyGraph g) {
        StringBuilder sb = new StringBuilder();
        if (this == DOT) {
            sb.append("digraph osk {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n");
            for (DependencyGraph.Node n : g.nodes()) {
                sb.append("  \"").append(n.id()).append("\" [label=\"").append(n.kind()).append("\\n")
                        .append(n.name()).append("\"").append(shape(n)).append("];\n");
            }
            for (DependencyGraph.Edge e : g.edges()) {
                sb.append("  \"").append(e.from().id()).append("\" -> \"").append(e.to().id()).append("\"")
                        .append(e.via().equals("served-by") ? " [style=dashed, label=\"served by\"]" : "")
                        .append(";\n");
            }
            sb.append("}\n");
        } else {
            sb.append("flowchart LR\n");
            for (DependencyGraph.Node n : g.nodes()) {
                sb.append("  ").append(mid(n)).append(n.kind().equals("Service") ? "([\"" : "[\"")
                        .append(n.kind()).append(" ").append(n.name())
                        .append(n.kind().equals("Service") ? "\"])" : "\"]").append('\n');
            }
            for (DependencyGraph.Edge e : g.edges()) {
                sb.append("  ").append(mid(e.from()))
                        .append(e.via().equals("served-by") ? " -. served by .-> " : " --> ")
                        .append(mid(e.to())).append('\n');
            }
        }
        return sb.toString();
    }

    private static String shape(DependencyGraph.Node n) {
        return switch (n.kind()) {
            case "Service" -> ", shape=ellipse";
            case "Job", "CronJob" -> ", shape=note";
            default -> "";
        };
    }

    private static String mid(DependencyGraph.Node n) {
        return n.id().replaceAll("[^A-Za-z0-9]", "_");
    }
}
