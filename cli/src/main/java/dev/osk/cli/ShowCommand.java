package dev.osk.cli;

import dev.osk.render.ChartFiles;
import dev.osk.render.ControlCharacters;
import dev.osk.render.Location;
import dev.osk.render.OskException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code osk show chart|values|readme|all CHART}: a chart's own files as they are written, as {@code helm show}
 * prints them, from a chart folder or a chart archive.
 */
@Command(name = "show", sortOptions = false,
        description = {"Print a chart's Chart.yaml, values.yaml or README.md as written, or all three.",
            "chart: Chart.yaml; values: values.yaml (nothing when the chart has none); readme: README.md (an error"
                + " when the chart has none); all: Chart.yaml, then values.yaml and README.md where the chart has"
                + " them, each after a line '---'.",
            "CHART is a chart folder or a chart archive (NAME-VERSION.tgz); an archive is read in memory and never"
                + " unpacked."})
final class ShowCommand implements Callable<Integer> {
    /** What to print. */
    enum Part { chart, values, readme, all }

    static final String CHART_FILE = "Chart.yaml";
    static final String VALUES_FILE = "values.yaml";
    static final String README_FILE = "README.md";

    @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PART", description = "chart, values, readme or all.")
    Part part;

    @Parameters(index = "1", paramLabel = "CHART", description = "Chart folder or chart archive.")
    String chart;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() {
        ChartFiles files = ChartFiles.open(Workspace.cwd().resolve(chart), Workspace.display());
        // everything is read before anything is printed: a file that fails to read prints nothing
        String text = switch (part) {
            case chart -> files.text(CHART_FILE);
            case values -> orEmpty(files.text(VALUES_FILE));
            case readme -> readme(files);
            case all -> all(files);
        };
        PrintWriter out = spec.commandLine().getOut();
        out.print(terminalSafe(text));
        out.flush();
        return ExitCodes.OK;
    }

    private static String readme(ChartFiles files) {
        String text = files.text(README_FILE);
        if (text == null) {
            throw new OskException(Location.of(files.shown(README_FILE)), "no such file; the chart has no README");
        }
        return text;
    }

    /** As helm show all: Chart.yaml, then values.yaml and README.md where the chart has them, each after '---'. */
    private static String all(ChartFiles files) {
        StringBuilder b = new StringBuilder(endLine(files.text(CHART_FILE)));
        for (String name : new String[] {VALUES_FILE, README_FILE}) {
            String text = files.text(name);
            if (text != null) {
                b.append("---\n").append(endLine(text));
            }
        }
        return b.toString();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    /** {@code text} ending with a line break, so that a separator after it starts a line. */
    private static String endLine(String text) {
        return text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
    }

    /**
     * The text with the characters that must not reach a terminal raw written as visible escapes, as everything
     * osk prints from an input: tabs, line breaks (a carriage return only before a line feed) and a byte-order
     * mark that starts the file are kept, so a printable file is printed byte for byte.
     */
    static String terminalSafe(String text) {
        if (!ControlCharacters.any(text)) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        if (text.startsWith("\ufeff")) {
            b.append('\ufeff');
            text = text.substring(1);
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            boolean last = i == lines.length - 1;
            String line = lines[i];
            boolean crlf = !last && line.endsWith("\r");
            b.append(ControlCharacters.escape(crlf ? line.substring(0, line.length() - 1) : line, "\t"));
            b.append(crlf ? "\r" : "").append(last ? "" : "\n");
        }
        return b.toString();
    }
}
