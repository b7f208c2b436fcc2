package dev.osk.cli;

import dev.osk.render.InvalidRequestException;
import dev.osk.render.TextInput;
import dev.osk.render.values.ValueSource;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * -f and the --set family, kept in the order they appear on the command line. {@code -f -} is read from standard
 * input once, when the command first asks for its sources.
 */
public final class ValuesOptions {
    private final List<ValueSource> sources = new ArrayList<>();
    private boolean stdinRead;

    @Option(names = {"-f", "--values"}, paramLabel = "FILE",
            description = "Values file to merge on top of the chart's defaults (repeatable; later files win;"
                    + " - reads standard input).")
    void file(String f) {
        sources.add(new ValueSource(ValueSource.Kind.FILE, f));
    }

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Set values: a.b=c,list[0]=x,tags={a,b},key=null. true, false, null and integers are typed;"
                    + " everything else is a string.")
    void set(String s) {
        sources.add(new ValueSource(ValueSource.Kind.SET, s));
    }

    @Option(names = "--set-string", paramLabel = "PATH=VALUE", description = "Like --set, but every value is a string.")
    void setString(String s) {
        sources.add(new ValueSource(ValueSource.Kind.SET_STRING, s));
    }

    @Option(names = "--set-json", paramLabel = "PATH=JSON", description = "Set values from JSON: a={\"b\":1} or a whole object.")
    void setJson(String s) {
        sources.add(new ValueSource(ValueSource.Kind.SET_JSON, s));
    }

    @Option(names = "--set-file", paramLabel = "PATH=FILE", description = "Set a value to the contents of a file.")
    void setFile(String s) {
        sources.add(new ValueSource(ValueSource.Kind.SET_FILE, s));
    }

    @Option(names = "--set-literal", paramLabel = "PATH=VALUE",
            description = "Set one string value verbatim: everything after the first = (commas, backslashes,"
                    + " braces and all).")
    void setLiteral(String s) {
        sources.add(new ValueSource(ValueSource.Kind.SET_LITERAL, s));
    }

    /** The layers in order, with {@code -f -} holding what standard input held (read on the first call). */
    public List<ValueSource> sources() {
        if (readsStdin() && !stdinRead) {
            if (sources.stream().filter(ValueSource::isStdin).count() > 1) {
                throw new InvalidRequestException("-f - given twice: standard input holds one values file");
            }
            String text = TextInput.read(Workspace.stdin(), ValueSource.STDIN, TextInput.MAX_YAML_BYTES,
                    "standard input");
            sources.replaceAll(s -> s.isStdin() ? ValueSource.stdin(text) : s);
            stdinRead = true;
        }
        return sources;
    }

    /** Whether a -f - asks for standard input. */
    boolean readsStdin() {
        return sources.stream().anyMatch(ValueSource::isStdin);
    }

    boolean hasFiles() {
        return sources.stream().anyMatch(s -> s.kind() == ValueSource.Kind.FILE);
    }
}
