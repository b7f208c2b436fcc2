package dev.osk.render.values;

import dev.osk.render.InvalidRequestException;
import dev.osk.render.OskException;
import dev.osk.render.TextInput;
import dev.osk.render.yaml.YamlDocument;
import dev.osk.render.yaml.YamlReader;
import dev.osk.render.yaml.YamlSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One user-supplied layer of values, in command-line order: a {@code -f} file or a {@code --set*} flag. A
 * {@code -f -} layer carries the text its caller read from standard input ({@link #stdin}); the library reads no
 * stream of its own.
 */
public record ValueSource(Kind kind, String argument, String text) {
    /** How {@code -f -} is named in messages and in {@code --explain}. */
    public static final String STDIN = "<stdin>";

    public enum Kind {
        FILE("-f"), SET("--set"), SET_STRING("--set-string"), SET_JSON("--set-json"), SET_FILE("--set-file"),
        SET_LITERAL("--set-literal");

        public final String flag;

        Kind(String flag) {
            this.flag = flag;
        }
    }

    public ValueSource(Kind kind, String argument) {
        this(kind, argument, null);
    }

    /** {@code -f -}: a values file whose text was read from standard input. */
    public static ValueSource stdin(String text) {
        return new ValueSource(Kind.FILE, "-", text);
    }

    /** Whether this is {@code -f -}, a values file on standard input. */
    public boolean isStdin() {
        return kind == Kind.FILE && argument.equals("-");
    }

    /** All layers merged in order, nulls kept as deletion markers. */
    public static ValueTree merge(List<ValueSource> sources, Path baseDir, java.util.function.Function<Path, String> display) {
        ValueTree out = ValueTree.empty();
        // as in Helm: every -f file (in order) first, then the --set family (in order), wherever they stand
        for (ValueSource s : sources) {
            if (s.kind() == Kind.FILE) {
                out = out.merge(s.load(baseDir, display));
            }
        }
        for (ValueSource s : sources) {
            if (s.kind() != Kind.FILE) {
                out = out.merge(s.load(baseDir, display));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    ValueTree load(Path baseDir, java.util.function.Function<Path, String> display) {
        switch (kind) {
            case FILE: {
                String source;
                String content;
                if (isStdin()) {
                    if (text == null) {
                        throw new InvalidRequestException("-f -: standard input was not read");
                    }
                    source = STDIN;
                    content = text;
                } else {
                    Path p = baseDir.resolve(argument);
                    if (TextInput.type(p) == TextInput.Type.MISSING) {
                        throw new InvalidRequestException("-f " + argument + ": no such file");
                    }
                    source = display.apply(p);
                    content = TextInput.read(p, source, TextInput.MAX_YAML_BYTES, "a values file");
                }
                YamlDocument doc = new YamlReader(YamlSchema.CORE).readOne(content, source);
                if (doc.value() == null) {
                    return ValueTree.empty();
                }
                if (!(doc.value() instanceof Map<?, ?>)) {
                    throw new OskException(doc.locate(""), "values file must be a map of keys to values");
                }
                return new ValueTree((Map<String, Object>) doc.value(), doc.locations());
            }
            case SET:
                return ValueTree.fromFlag(SetParser.parse(argument, SetParser.Mode.TYPED, baseDir), label());
            case SET_STRING:
                return ValueTree.fromFlag(SetParser.parse(argument, SetParser.Mode.STRING, baseDir), label());
            case SET_JSON:
                return ValueTree.fromFlag(SetParser.parse(argument, SetParser.Mode.JSON, baseDir), label());
            case SET_FILE:
                return ValueTree.fromFlag(SetParser.parse(argument, SetParser.Mode.FILE, baseDir), label());
            case SET_LITERAL:
                return ValueTree.fromFlag(SetParser.parse(argument, SetParser.Mode.LITERAL, baseDir), label());
            default:
                throw new IllegalStateException(kind.toString());
        }
    }

    private String label() {
        return kind.flag + " " + argument;
    }
}
