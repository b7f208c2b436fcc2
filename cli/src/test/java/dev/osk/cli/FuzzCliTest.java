package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated garbage at every command, through {@link Main#run}: random bytes, truncated and mutated YAML,
 * mutated templates and partials, mutated chart archives (at the gzip layer and at the tar layer), mutated flags,
 * standard input and release bundles. Whatever osk is given, it answers as README "Errors and exit codes" says:
 * exit 0, 1 or 2; on failure, exactly one line on stderr (or a validation report: findings and one summary line;
 * or, for garbage in values, which both templates of the chart read, one line per template that fails on it,
 * since osk reports the problems of every template), nothing on stdout, no stack trace and no internal error; and nothing written anywhere but the output folder the
 * command was given (nothing left in the temporary folder either).
 *
 * <p>Deterministic: the seed is fixed ({@code -Dosk.fuzz.seed=N} to change it), and so is the number of inputs
 * ({@code -Dosk.fuzz.inputs=N}; the default keeps {@code mvn verify} fast, {@code test-fixtures/fuzz/run-fuzz.sh}
 * runs a larger campaign). Every failure names the seed, the input number and the command line, so it can be
 * replayed alone.
 */
class FuzzCliTest {
    static final long SEED = Long.getLong("osk.fuzz.seed", 20_260_114L);
    static final int INPUTS = Integer.getInteger("osk.fuzz.inputs", 300);

    @TempDir
    Path tmp;

    static final String CHART_YAML = """
            name: app
            version: 0.1.0
            description: fuzzed
            dependencies:
              - name: lib
                repository: file://../lib
            """;
    static final String LIB_CHART_YAML = "name: lib\nversion: 0.1.0\ntype: library\n";
    static final String LIB_PARTIAL = "app.kubernetes.io/name: {{osk.chart.name}}\ntier: {{tier}}\n";
    static final String VALUES = """
            tier: web
            replicas: 2
            image: {registry: quay.io, tag: "2024.1"}
            ports: [80, 443]
            conf:
              DEFAULT: {debug: false, workers: 4}
            extra: &extra {a: 1}
            more:
              <<: *extra
              b: 2
            """;
    static final String PARTIAL = "- name: {{name}}\n  containerPort: {{.}}\n";
    static final String TEMPLATE = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app
              labels:
                {{> labels}}
            spec:
              replicas: {{replicas}}
              selector:
                matchLabels:
                  tier: {{tier}}
              template:
                metadata:
                  labels:
                    tier: "{{tier}}"
                  annotations:
                    checksum/config: {{osk.checksum.templates/cm.yaml}}
                spec:
                  containers:
                  - name: app
                    image: {{image.registry}}/app:{{image.tag}}
                    ports:
                    {{#ports}}
                    - containerPort: {{.}}
                    {{/ports}}
                    env:
                    {{^missing?}}
                    - {name: MODE, value: '{{tier}}'}
                    {{/missing?}}
            """;
    static final String CONFIG_TEMPLATE = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: app-config
            data:
              app.conf: {{osk.ini.conf}}
              raw: |
                {{{image.tag}}}
              b64: {{#osk.base64}}{{tier}}{{/osk.base64}}
            """;
    static final String MANIFEST = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Service
              metadata: {name: web, labels: &l {tier: web}}
              spec:
                selector: *l
                ports: [{port: 80, targetPort: 8080}]
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: creds
            data:
              password: cGFzcw==
            """;
    static final String OVERLAY = "replicas: 3\nimage:\n  tag: \"2024.2\"\n";

    /** Tokens that mean something to YAML, Mustache or osk's flags, spliced into inputs. */
    static final String[] TOKENS = {"{{", "}}", "{{#x}}", "{{/x}}", "{{^x}}", "{{> labels}}", "{{> nope}}", "{{!",
        "{{{", "}}}", "{{=<% %>=}}", "{{osk.", "{{.}}", "{{#ports}}", "{{/ports}}", "{{> app}}", ":", ": ", "- ", "? ",
        "&a ", "*a", "<<: *a", "!!binary ", "!foo ", "|", ">-", "'", "\"", "#", "%YAML 1.2\n", "---\n", "...\n",
        "{", "}", "[", "]", ",", "\n", "\t", "\r", "\u0000", "\u001b[2J", "\u2028", "\uFEFF", "\\", "~", "null", "yes",
        "0o777", "1e400", "9".repeat(40), "  ", "\n  ", "kind: List\nitems:\n- ", "apiVersion: v1\n", "kind: \n",
        "metadata: {name: ", "x".repeat(300), "é", "\uD800", "=", "[0]", "[99999999]", ".", "\\.", "{a,b}"};

    enum Target {
        CHART_YAML, LIB_CHART_YAML, VALUES_YAML, TEMPLATE, CONFIG_TEMPLATE, PARTIAL, LIB_PARTIAL, OVERLAY, FLAGS,
        MANIFEST, STDIN, ARCHIVE_GZIP, ARCHIVE_TAR, BUNDLE
    }

    record Run(List<String> args, int code, String out, String err) {
        @Override
        public String toString() {
            return dev.osk.render.ControlCharacters.escape(String.join(" ", args), "") + "\nexit " + code + "\n--- stdout:\n" + cut(out) + "\n--- stderr:\n"
                    + cut(err);
        }

        static String cut(String s) {
            s = dev.osk.render.ControlCharacters.escape(s, "\n");
            return s.length() > 3000 ? s.substring(0, 3000) + "... (" + s.length() + " characters)" : s;
        }
    }

    private Random random;
    private Path kubectl;
    private byte[] archive;
    private byte[] tar;
    private Path bundle;
    private final Map<Integer, Integer> exits = new TreeMap<>();
    private int runs;

    @Test
    void garbageInEveryInputGivesOneLineAndAnExitCode() throws Exception {
        random = new Random(SEED);
        kubectl = tmp.resolve("kubectl");
        Files.writeString(kubectl, "#!/bin/sh\ncat > /dev/null\n");
        Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path base = tmp.resolve("base");
        writeChart(base, Map.of());
        Osk.Result pack = Osk.exec("package", base.resolve("app").toString(), "-d", tmp.resolve("dist").toString());
        assertThat(pack.code()).as(pack.toString()).isZero();
        archive = Files.readAllBytes(tmp.resolve("dist/app-0.1.0.tgz"));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(archive))) {
            tar = in.readAllBytes();
        }
        bundle = tmp.resolve("bundle");
        Osk.Result release = Osk.exec("release", base.resolve("app").toString(), "--version", "1.0.0", "-d",
                bundle.toString());
        assertThat(release.code()).as(release.toString()).isZero();
        List<String> before = tempLeftovers();

        Target[] targets = Target.values();
        for (int i = 0; i < INPUTS; i++) {
            Target t = targets[random.nextInt(targets.length)];
            Path dir = tmp.resolve("case-" + i);
            fuzzOne(i, t, dir);
            dev.osk.render.manifest.OutputFolder.delete(dir);
        }
        assertThat(tempLeftovers()).as("nothing left in the temporary folder").isEqualTo(before);
        System.out.println("fuzz: seed " + SEED + ", " + INPUTS + " generated inputs, " + runs
                + " command runs, exit codes " + exits);
    }

    // ---- one input ----

    private void fuzzOne(int i, Target t, Path dir) throws Exception {
        Map<String, String> mutated = new TreeMap<>();
        List<String> flags = new ArrayList<>();
        byte[] stdin = new byte[0];
        switch (t) {
            case CHART_YAML -> mutated.put("app/Chart.yaml", garbage(CHART_YAML));
            case LIB_CHART_YAML -> mutated.put("lib/Chart.yaml", garbage(LIB_CHART_YAML));
            case VALUES_YAML -> mutated.put("app/values.yaml", garbage(VALUES));
            case TEMPLATE -> mutated.put("app/templates/deploy.yaml", garbage(TEMPLATE));
            case CONFIG_TEMPLATE -> mutated.put("app/templates/cm.yaml", garbage(CONFIG_TEMPLATE));
            case PARTIAL -> mutated.put("app/templates/_port.yaml", garbage(PARTIAL));
            case LIB_PARTIAL -> mutated.put("lib/templates/_labels.yaml", garbage(LIB_PARTIAL));
            case OVERLAY -> mutated.put("overlay.yaml", garbage(OVERLAY));
            case MANIFEST -> mutated.put("manifest.yaml", garbage(MANIFEST));
            case STDIN -> stdin = garbage(MANIFEST).getBytes(StandardCharsets.UTF_8);
            case FLAGS -> flags.addAll(garbageFlags());
            default -> {
            }
        }
        writeChart(dir, mutated);
        if (t == Target.ARCHIVE_GZIP) {
            Files.write(dir.resolve("app-0.1.0.tgz"), mutateBytes(archive));
        } else if (t == Target.ARCHIVE_TAR) {
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (OutputStream out = new GZIPOutputStream(gz)) {
                out.write(mutateBytes(tar));
            }
            Files.write(dir.resolve("app-0.1.0.tgz"), gz.toByteArray());
        } else {
            Files.write(dir.resolve("app-0.1.0.tgz"), archive);
        }
        if (t == Target.BUNDLE) {
            copyTree(bundle, dir.resolve("bundle"));
            String[] files = {"SHA256SUMS", "release.yaml", "values.yaml", "manifests.yaml", "app-1.0.0.tgz"};
            Path victim = dir.resolve("bundle").resolve(files[random.nextInt(files.length)]);
            byte[] original = Files.readAllBytes(victim);
            Files.write(victim, victim.toString().endsWith(".tgz") ? mutateBytes(original)
                    : garbage(new String(original, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        }

        String chart = dir.resolve("app").toString();
        String tgz = dir.resolve("app-0.1.0.tgz").toString();
        String out = dir.resolve("out").toString();
        List<List<String>> commands = new ArrayList<>();
        switch (t) {
            case MANIFEST -> {
                commands.add(List.of("validate", dir.resolve("manifest.yaml").toString()));
                commands.add(List.of("validate", "-o", "json", dir.resolve("manifest.yaml").toString()));
                commands.add(List.of("diff", dir.resolve("manifest.yaml").toString(), chart, "-o", "json"));
            }
            case STDIN -> {
                commands.add(List.of("validate", "-o", "junit", "-"));
                commands.add(List.of("diff", "-", dir.resolve("manifest.yaml").toString()));
            }
            case ARCHIVE_GZIP, ARCHIVE_TAR -> {
                commands.add(List.of("render", tgz, "--skip-validation"));
                commands.add(List.of("values", tgz, "--explain"));
                commands.add(List.of("diff", tgz, chart, "--brief"));
                commands.add(List.of("package", tgz, "-d", out + "/pkg"));
            }
            case BUNDLE -> commands.add(List.of("release", "verify", dir.resolve("bundle").toString()));
            default -> {
                List<String> chartArgs = new ArrayList<>(List.of(chart, "-f", dir.resolve("overlay.yaml").toString()));
                chartArgs.addAll(flags);
                String[][] all = {
                    {"render", "--skip-validation"},
                    {"render", "--skip-validation", "--output-dir", out + "/rendered"},
                    {"values", "--explain"},
                    {"graph", "-o", random.nextBoolean() ? "dot" : "mermaid"},
                    {"apply", "--skip-validation", "--dry-run", "client", "--kubectl", kubectl.toString()},
                    {"release", "--version", "1.0.0", "-d", out + "/release", "--warn-only", "references"},
                    {"diff"},
                    {"package", "-d", out + "/pkg"},
                    {"lint"},
                };
                // every command on the garbage, in a random order, at most four of them per input
                List<String[]> pick = new ArrayList<>(List.of(all));
                java.util.Collections.shuffle(pick, random);
                for (String[] c : pick.subList(0, 4)) {
                    List<String> args = new ArrayList<>();
                    args.add(c[0]);
                    if (c[0].equals("diff")) {
                        args.add(dir.resolve("manifest.yaml").toString());
                        args.add(chart);
                        args.add("-f");
                        args.add(dir.resolve("overlay.yaml").toString());
                        args.addAll(flags);
                    } else if (c[0].equals("package") || c[0].equals("lint")) {
                        args.add(chart);
                    } else {
                        args.addAll(chartArgs);
                    }
                    args.addAll(List.of(c).subList(1, c.length));
                    commands.add(args);
                }
            }
        }
        for (List<String> args : commands) {
            Map<String, String> outside = snapshot(dir);
            Map<String, String> output = snapshot(dir.resolve("out"));
            Run r = run(dir, stdin, args);
            String context = "seed " + SEED + ", input " + i + " (" + t + "): " + r;
            check(r, context, t == Target.VALUES_YAML || t == Target.OVERLAY || t == Target.FLAGS);
            assertThat(snapshot(dir)).as("nothing written outside the output folder; " + context).isEqualTo(outside);
            if (r.code() != 0) {
                assertThat(snapshot(dir.resolve("out"))).as("a failure leaves the output as it was; " + context)
                        .isEqualTo(output);
            }
        }
    }

    private Run run(Path cwd, byte[] stdin, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Workspace.withEnv(Map.of("SOURCE_DATE_EPOCH", "0"), () -> Main.run(cwd,
                new ByteArrayInputStream(stdin), new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new)));
        runs++;
        exits.merge(code, 1, Integer::sum);
        return new Run(args, code, out.toString(), err.toString());
    }

    private static final Pattern FINDING = Pattern.compile(".+: (error|warning): .+ \\[[a-z-]+\\]");

    private static void check(Run r, String context, boolean valuesForEveryTemplate) {
        assertThat(r.code()).as(context).isBetween(0, 2);
        assertThat(r.err()).as(context).doesNotContain("\tat ").doesNotContain("internal error")
                .doesNotContain("Exception").doesNotContain("java.").doesNotContain("com.github")
                .doesNotContain("dev.osk.").doesNotContain("Cannot invoke");
        List<String> lines = r.err().lines().toList();
        if (r.args().get(0).equals("lint") && r.code() != 2) {
            // lint reports on stdout, one line per finding, then the summary; nothing on stderr
            assertThat(lines).as(context).isEmpty();
            List<String> report = r.out().lines().toList();
            assertThat(report).as(context).isNotEmpty();
            assertThat(report.get(report.size() - 1)).as(context).matches("1 chart linted, " + r.code() + " failed");
            for (String l : report.subList(0, report.size() - 1)) {
                assertThat(l).as(context).matches("(.+: )?(error|warning): .+");
            }
            return;
        }
        boolean validateReport = r.args().get(0).equals("validate") && lines.isEmpty();
        if (r.code() == 0 || (validateReport && r.code() == 1)) {
            for (String l : lines) {
                assertThat(l).as(context).matches("osk: (warning|note): .+|" + FINDING.pattern());
            }
            if (validateReport && r.code() == 1) {
                assertThat(r.out()).as(context).containsPattern("(?m)^invalid: |\"valid\":false|<testsuites");
            }
            return;
        }
        assertThat(r.out()).as("no output on failure; " + context).isEmpty();
        if (!lines.isEmpty() && lines.get(lines.size() - 1).startsWith("osk: invalid: ")) {
            // a validation report: one line per finding and the summary
            for (String l : lines.subList(0, lines.size() - 1)) {
                assertThat(l).as(context).matches(FINDING);
            }
            return;
        }
        if (r.args().get(0).equals("release") && r.args().get(1).equals("verify")) {
            // release verify lists every problem it found, one line each, and a closing line
            assertThat(lines).as(context).isNotEmpty();
            assertThat(lines.get(lines.size() - 1)).as(context).endsWith(" does not verify");
            return;
        }
        if (valuesForEveryTemplate) {
            // a values file or flag feeds both templates: each may fail on it, one line per template, no repeats
            assertThat(lines).as("one line per failing template; " + context).hasSizeBetween(1, 2)
                    .doesNotHaveDuplicates();
        } else {
            assertThat(lines).as("exactly one line on stderr; " + context).hasSize(1);
        }
    }

    // ---- generators ----

    /** A mutation of {@code seed}: random bytes, a truncation, spliced tokens, flipped characters, moved lines. */
    private String garbage(String seed) {
        int kind = random.nextInt(10);
        switch (kind) {
            case 0 -> {
                byte[] b = new byte[random.nextInt(400)];
                random.nextBytes(b);
                return new String(b, StandardCharsets.ISO_8859_1);
            }
            case 1 -> {
                return seed.substring(0, random.nextInt(seed.length() + 1));
            }
            case 2 -> {
                List<String> lines = new ArrayList<>(seed.lines().toList());
                int n = 1 + random.nextInt(3);
                for (int k = 0; k < n && !lines.isEmpty(); k++) {
                    int a = random.nextInt(lines.size());
                    switch (random.nextInt(3)) {
                        case 0 -> lines.remove(a);
                        case 1 -> lines.add(random.nextInt(lines.size() + 1), lines.get(a));
                        default -> lines.set(a, " ".repeat(random.nextInt(6)) + lines.get(a).strip());
                    }
                }
                return String.join("\n", lines) + (random.nextBoolean() ? "\n" : "");
            }
            default -> {
                StringBuilder sb = new StringBuilder(seed);
                int n = 1 + random.nextInt(4);
                for (int k = 0; k < n; k++) {
                    int at = random.nextInt(sb.length() + 1);
                    if (random.nextInt(3) == 0 && sb.length() > 0) {
                        int end = Math.min(sb.length(), at + 1 + random.nextInt(8));
                        if (at < end) {
                            sb.delete(at, end);
                        }
                    } else {
                        sb.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                    }
                }
                return sb.toString();
            }
        }
    }

    private byte[] mutateBytes(byte[] original) {
        byte[] b = original.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                return java.util.Arrays.copyOf(b, random.nextInt(b.length + 1));
            }
            case 1 -> {
                byte[] extra = new byte[1 + random.nextInt(64)];
                random.nextBytes(extra);
                byte[] out = java.util.Arrays.copyOf(b, b.length + extra.length);
                System.arraycopy(extra, 0, out, b.length, extra.length);
                return out;
            }
            default -> {
                int n = 1 + random.nextInt(8);
                for (int k = 0; k < n; k++) {
                    int at = random.nextInt(Math.min(b.length, random.nextBoolean() ? 1024 : b.length));
                    b[at] = (byte) (random.nextBoolean() ? random.nextInt(256) : "/.\0 05x-L2"
                            .charAt(random.nextInt(10)));
                }
                return b;
            }
        }
    }

    private List<String> garbageFlags() {
        String[] kinds = {"--set", "--set-string", "--set-json", "--set-file", "-n", "--release-name", "--kube-version"};
        String[] seeds = {"replicas=3", "image.tag=2024.2,ports[1]=8443", "conf.DEFAULT.debug=true", "tier=null",
            "ports={1,2}", "more.b=x", "a\\.b=c"};
        String[] jsonSeeds = {"replicas=3", "conf={\"DEFAULT\":{\"debug\":true}}", "{\"tier\":\"db\"}",
            "ports=[1,2,3]"};
        List<String> out = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int k = 0; k < n; k++) {
            String flag = kinds[random.nextInt(kinds.length)];
            String value = switch (flag) {
                case "--set-json" -> garbage(jsonSeeds[random.nextInt(jsonSeeds.length)]);
                case "--set-file" -> garbage("image.tag=overlay.yaml");
                case "-n", "--release-name" -> garbage("openstack");
                case "--kube-version" -> garbage("1.30");
                default -> garbage(seeds[random.nextInt(seeds.length)]);
            };
            out.add(flag);
            out.add(value.replace("\u0000", ""));
        }
        return out;
    }

    // ---- the chart and its surroundings ----

    private void writeChart(Path dir, Map<String, String> replaced) throws IOException {
        Map<String, String> files = new TreeMap<>(Map.of(
                "app/Chart.yaml", CHART_YAML,
                "app/values.yaml", VALUES,
                "app/templates/deploy.yaml", TEMPLATE,
                "app/templates/cm.yaml", CONFIG_TEMPLATE,
                "app/templates/_port.yaml", PARTIAL,
                "lib/Chart.yaml", LIB_CHART_YAML,
                "lib/templates/_labels.yaml", LIB_PARTIAL,
                "overlay.yaml", OVERLAY,
                "manifest.yaml", MANIFEST));
        files.putAll(replaced);
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path p = dir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            // random bytes were made a string one byte per character: write them back as those bytes
            String text = e.getValue();
            boolean bytes = text.chars().allMatch(c -> c <= 0xff) && text.chars().anyMatch(c -> c > 0x7f);
            Files.write(p, text.getBytes(bytes ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
        }
    }

    /** Path to sha256 of every file below {@code dir} (output folders left out when {@code dir} is the case). */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                String rel = dir.relativize(p).toString();
                if (rel.equals("out") || rel.startsWith("out/")) {
                    continue;
                }
                out.put(rel, Files.isRegularFile(p) ? sha256(Files.readAllBytes(p)) : "folder");
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return out;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> tempLeftovers() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("osk-chart-")).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

}
