package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * README "Output" and "Chart format": names that come from inputs (template file names, object names and kinds,
 * manifest file names) are refused or escaped wherever osk prints them: {@code # Source:} comments,
 * {@code --output-dir} file names, DOT and Mermaid graphs, text, JSON and JUnit reports, diff output. None can end
 * the construct it is printed in and add statements, documents or lines.
 */
class NamesInOutputCliTest extends ChartsInTempDir {
    /** A name made to break out of a quoted DOT string, a Mermaid label, a comment and a report line. */
    private static final String EVIL = "x\"]; \"evil\" -> \"pwned\"; [\"#quot;\n  evil --> pwned\n\u001b[31m";

    @BeforeEach
    void setUp() {
        osk.chart("app", "app");
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static void noRawControlCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            assertThat(c < 0x20 && c != '\n' || (c >= 0x7f && c <= 0x9f))
                    .as("raw U+%04x at %d in %s", (int) c, i, text).isFalse();
        }
    }

    @Test
    void aTemplateFileNameCannotAddADocumentToTheRender() {
        osk.write("app/templates/cm\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: injected}\n#.yaml",
                Osk.configMap("cm", "a: b"));
        Osk.Result r = Osk.exec("render", osk.path("app"));
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).contains("cm\\n---\\napiVersion: v1\\nkind: Secret").contains("control character");
    }

    @Test
    void graphNodesAreQuotedSoANameCannotAddStatements() {
        osk.write("app/templates/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{n}}\n");
        Osk.Result dot = Osk.exec("graph", osk.path("app"), "--set-json", "n=" + json(EVIL));
        assertThat(dot.code()).as(dot.toString()).isZero();
        noRawControlCharacters(dot.out());
        List<String> lines = dot.out().lines().toList();
        String q = "\"(?:[^\"\\\\\\n]|\\\\.)*\"";
        assertThat(lines).hasSize(5);
        assertThat(lines.get(3)).matches("  " + q + " \\[label=" + q + "\\];");
        assertThat(lines.get(3)).startsWith("  \"deployment/x\\\"]; \\\"evil\\\" -> ");

        Osk.Result mermaid = Osk.exec("graph", osk.path("app"), "-o", "mermaid", "--set-json", "n=" + json(EVIL));
        assertThat(mermaid.code()).as(mermaid.toString()).isZero();
        noRawControlCharacters(mermaid.out());
        List<String> mlines = mermaid.out().lines().toList();
        assertThat(mlines).hasSize(2);
        assertThat(mlines.get(1)).matches("  \\w+\\[\"[^\"]*\"\\]");
    }

    @Test
    void outputDirFileNamesStayInsideTheFolderWhateverTheKindAndName() throws IOException {
        osk.write("app/templates/odd.yaml", "apiVersion: v1\nkind: {{k}}\nmetadata:\n  name: {{n}}\n");
        Osk.Result r = Osk.exec("render", osk.path("app"), "--skip-validation", "--output-dir", osk.path("out"),
                "--set-json", "k=" + json("../../../esc\naped"), "--set-json", "n=" + json("../x\n\u001b"));
        assertThat(r.code()).as(r.toString()).isZero();
        List<String> files;
        try (Stream<Path> s = Files.walk(osk.base())) {
            files = s.filter(Files::isRegularFile).map(p -> osk.base().relativize(p).toString())
                    .filter(p -> !p.startsWith("app/")).sorted().toList();
        }
        assertThat(files).hasSize(2).allMatch(f -> f.startsWith("out/"));
        assertThat(files).allSatisfy(f -> assertThat(f).doesNotContain("\n").doesNotContain("\u001b"));
        assertThat(files).anyMatch(f -> f.startsWith("out/app/templates/odd/") && f.indexOf('/', 22) < 0);
        assertThat(files).contains("out/.osk-output");
    }

    @Test
    void validateReportsEscapeFileNamesInTextJsonAndJunit() throws IOException {
        String name = "bad\n\u001b[2J\u007f\u009b.yaml";
        osk.write("in/" + name, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n");
        Osk.Result text = Osk.exec("validate", osk.path("in"));
        assertThat(text.code()).as(text.toString()).isEqualTo(1);
        noRawControlCharacters(text.out());
        assertThat(text.out().lines().toList()).as(text.out()).hasSize(2);
        assertThat(text.out()).startsWith(osk.path("in/bad\\n\\u001b[2J\\u007f\\u009b.yaml") + ":4:");

        Osk.Result json = Osk.exec("validate", osk.path("in"), "-o", "json");
        noRawControlCharacters(json.out());
        assertThat(json.out().lines().toList()).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) new Yaml().load(json.out());
        @SuppressWarnings("unchecked")
        Map<String, Object> finding = ((List<Map<String, Object>>) report.get("findings")).get(0);
        assertThat(finding.get("file")).isEqualTo(osk.path("in/" + name));

        Osk.Result junit = Osk.exec("validate", osk.path("in"), "-o", "junit");
        noRawControlCharacters(junit.out());
        assertThat(junit.out()).contains("bad\\n\\u001b[2J\\u007f\\u009b.yaml");
        assertThat(junit.out()).doesNotContain("bad \u001b").doesNotContain("bad  [2J");
    }

    @Test
    void diffOutputEscapesObjectNames() throws IOException {
        osk.write("old.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"a\\e[31m\\nb\"\ndata: {k: '1'}\n");
        osk.write("new.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"a\\e[31m\\nb\"\ndata: {k: '2'}\n");
        Osk.Result text = Osk.exec("diff", osk.path("old.yaml"), osk.path("new.yaml"), "--brief");
        assertThat(text.code()).as(text.toString()).isZero();
        noRawControlCharacters(text.out());
        assertThat(text.out()).startsWith("~ v1 ConfigMap a\\u001b[31m\\nb\n");
        Osk.Result json = Osk.exec("diff", osk.path("old.yaml"), osk.path("new.yaml"), "-o", "json");
        noRawControlCharacters(json.out());
        assertThat(json.out()).contains("\"name\":\"a\\u001b[31m\\nb\"");
    }

    @Test
    void sourceCommentsAreOneLine() {
        osk.write("app/templates/cm.yaml", Osk.configMap("cm", "a: b"));
        Osk.Result r = Osk.exec("render", osk.path("app"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Pattern.compile("^# Source: app/templates/cm.yaml$", Pattern.MULTILINE).matcher(r.out()).find())
                .isTrue();
    }
}
