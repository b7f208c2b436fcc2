package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.DumperOptions;

/** Runs the command line in-process, as a user would, and gives test charts a place to live. */
final class Osk {
    private final Path base;

    Osk(Path tmp) {
        try {
            this.base = tmp.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What one run printed and returned. */
    record Result(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        /**
         * Checks a refusal: exit {@code expected}, nothing on stdout, one line on stderr and none of {@code never}
         * (the marks of a stack trace or an internal error) in it; returns the line.
         */
        String onlyErrLine(int expected, String... never) {
            assertThat(code).as(toString()).isEqualTo(expected);
            assertThat(out).as(toString()).isEmpty();
            assertThat(errLines()).as(toString()).hasSize(1);
            for (String s : never) {
                assertThat(err).doesNotContain(s);
            }
            return errLines().get(0);
        }

        /** Every YAML document on stdout, read with SnakeYAML's default (YAML 1.1) schema. */
        List<Object> docs() {
            return loadAll(new Yaml(), out);
        }

        /** Every YAML document on stdout, read with the YAML 1.2 core schema. */
        List<Object> coreDocs() {
            LoaderOptions lo = new LoaderOptions();
            DumperOptions d = new DumperOptions();
            return loadAll(new Yaml(new SafeConstructor(lo), new Representer(d), d, lo, new CoreResolver()), out);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> values() {
            return (Map<String, Object>) new Yaml().load(out);
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }

    static List<Object> loadAll(Yaml yaml, String text) {
        List<Object> out = new ArrayList<>();
        for (Object o : yaml.loadAll(text)) {
            if (o != null) {
                out.add(o);
            }
        }
        return out;
    }

    /**
     * Runs osk. A {@code render} runs with {@code --skip-validation}: these fixtures use placeholder objects (a
     * Deployment without a spec) to test rendering itself; validation has tests of its own.
     */
    static Result run(String... args) {
        if (args.length > 0 && args[0].equals("render")) {
            String[] withFlag = java.util.Arrays.copyOf(args, args.length + 1);
            withFlag[args.length] = "--skip-validation";
            args = withFlag;
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs osk exactly as given (render validates) from the repository's root, where the shipped kit lives. */
    static Result inRepo(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(GoldenCasesTest.REPO, new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs osk exactly as given (render validates) in {@code dir}, with {@code stdin} as standard input. */
    static Result withStdin(Path dir, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(dir, new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs osk exactly as given (render validates), with {@code env} as the environment. */
    static Result exec(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Workspace.withEnv(env, () -> Main.run(new PrintWriter(out), new PrintWriter(err), args));
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs osk exactly as given (render validates), with an empty environment. */
    static Result exec(String... args) {
        return exec(Map.of(), args);
    }

    Path base() {
        return base;
    }

    /** The absolute path of {@code rel} below the test folder, as a command-line argument. */
    String path(String rel) {
        return base.resolve(rel).toString();
    }

    Osk write(String rel, String content) {
        Path p = base.resolve(rel);
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Osk chart(String dir, String name, String... extra) {
        StringBuilder sb = new StringBuilder("name: " + name + "\nversion: 0.1.0\n");
        for (String line : extra) {
            sb.append(line).append('\n');
        }
        return write(dir + "/Chart.yaml", sb.toString());
    }

    /** A ConfigMap template named {@code name} whose {@code data:} block holds {@code dataLines} (indented by 2). */
    static String configMap(String name, String dataLines) {
        StringBuilder sb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n");
        for (String line : dataLines.split("\n")) {
            sb.append(line.isEmpty() ? "" : "  " + line).append('\n');
        }
        return sb.toString();
    }

    /** A minimal object of {@code kind} named {@code name}, with extra top-level lines. */
    static String object(String apiVersion, String kind, String name, String... extra) {
        StringBuilder sb = new StringBuilder("apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata:\n  name: "
                + name + "\n");
        for (String line : extra) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    /** YAML 1.2 core schema: only true/false are booleans, only decimal, 0o and 0x integers. */
    static final class CoreResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
            addImplicitResolver(Tag.INT, Pattern.compile("^(?:[-+]?[0-9]+|0x[0-9a-fA-F]+)$"), "-+0123456789");
            addImplicitResolver(Tag.FLOAT, Pattern.compile(
                    "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)"
                            + "|\\.(?:nan|NaN|NAN))$"), "-+0123456789.");
            addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL|)$"), "~nN\0");
        }
    }
}
