package dev.osk.render.graph;

import dev.osk.render.ControlCharacters;
import java.util.Locale;

/**
 * Forms of a {@link DependencyGraph}: the texts Graphviz DOT and Mermaid, and the pictures SVG and PNG, which
 * {@link Graphviz} draws from the DOT text.
 */
public enum GraphFormat {
    DOT, MERMAID, SVG, PNG;

    public static GraphFormat parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new dev.osk.render.InvalidRequestException("unknown graph format '" + s
                    + "'; legal values: dot, mermaid, svg, png");
        }
    }

    /** The name {@code -o} takes, which is also Graphviz's {@code -T} name. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this is a picture that Graphviz draws, rather than text osk writes. */
    public boolean drawn() {
        return this == SVG || this == PNG;
    }

    /** The text of {@code g} in this form (DOT or Mermaid; a picture is drawn from {@link #DOT}'s text). */
    public String write(DependencyGraph g) {
        if (drawn()) {
            throw new IllegalStateException(id() + " is drawn by Graphviz from the DOT text");
        }
        StringBuilder sb = new StringBuilder();
        if (this == DOT) {
            sb.append("digraph osk {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n");
            for (DependencyGraph.Node n : g.nodes()) {
                sb.append("  ").append(dot(n.id())).append(" [label=").append(dot(n.kind() + "\n" + n.name()))
                        .append(shape(n)).append("];\n");
            }
            for (DependencyGraph.Edge e : g.edges()) {
                sb.append("  ").append(dot(e.from().id())).append(" -> ").append(dot(e.to().id()))
                        .append(e.via().equals("served-by") ? " [style=dashed, label=\"served by\"]" : "")
                        .append(";\n");
            }
            sb.append("}\n");
        } else {
            sb.append("flowchart LR\n");
            for (DependencyGraph.Node n : g.nodes()) {
                sb.append("  ").append(mid(n)).append(n.kind().equals("Service") ? "([\"" : "[\"")
                        .append(mermaid(n.kind() + " " + n.name()))
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

    /**
     * A DOT quoted string: {@code "} and {@code \\} escaped, a line break written as DOT's {@code \\n}, every
     * other control character as visible text ({@code \\u001b}), so a name can never end the string.
     */
    static String dot(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (String line : s.split("\n", -1)) {
            if (sb.length() > 1) {
                sb.append("\\n");
            }
            String visible = ControlCharacters.escape(line);
            for (int i = 0; i < visible.length(); i++) {
                char c = visible.charAt(i);
                if (c == '"' || c == '\\') {
                    sb.append('\\');
                }
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /**
     * Text inside a Mermaid {@code ["..."]} label: quotes, {@code #}, {@code &}, {@code <}, {@code >} and backticks
     * as Mermaid entity codes ({@code #quot;}), control characters as visible text, so a name can never end the
     * label, start a statement or become markup.
     */
    static String mermaid(String s) {
        String visible = ControlCharacters.escape(s);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < visible.length(); i++) {
            char c = visible.charAt(i);
            switch (c) {
                case '"' -> sb.append("#quot;");
                case '#' -> sb.append("#35;");
                case '&' -> sb.append("#amp;");
                case '<' -> sb.append("#lt;");
                case '>' -> sb.append("#gt;");
                case '`' -> sb.append("#96;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String mid(DependencyGraph.Node n) {
        return n.id().replaceAll("[^A-Za-z0-9]", "_");
    }
}
