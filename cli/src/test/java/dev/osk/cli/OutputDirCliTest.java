package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** README: --output-dir writes DIR/<source path without .yaml>/<kind>-<name>.yaml and is replaced whole. */
class OutputDirCliTest extends ChartsInTempDir {
    Path out;

    @BeforeEach
    void setUp() {
        out = osk.base().resolve("out");
        osk.chart("app", "app", "dependencies:", "  - name: sub");
        osk.write("app/templates/cm.yaml", Osk.object("v1", "ConfigMap", "a", "data: {v: \"{{v}}\"}") + "---\n"
                + Osk.object("v1", "ConfigMap", "b"));
        osk.write("app/templates/deploy.yaml", Osk.object("apps/v1", "Deployment", "d"));
        osk.write("app/values.yaml", "v: one\n");
        osk.chart("app/charts/sub", "sub");
        osk.write("app/charts/sub/templates/svc.yaml", Osk.object("v1", "Service", "s"));
    }

    /** Every file under {@code dir} (relative path, lower-cased, to its text), the marker left out. */
    static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (!rel.equals(".osk-output")) {
                    files.put(rel.toLowerCase(Locale.ROOT), Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }

    /** The names in the test folder, to spot anything left beside the output folder. */
    private java.util.List<String> siblings() throws IOException {
        return names(osk.base());
    }

    private Osk.Result render(String... extra) {
        String[] args = new String[extra.length + 4];
        args[0] = "render";
        args[1] = osk.path("app");
        args[2] = "--output-dir";
        args[3] = out.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return Osk.run(args);
    }

    @Test
    void oneFilePerObjectNamedAfterSourceKindAndName() throws IOException {
        Osk.Result r = render();
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEmpty();
        Map<String, String> files = tree(out);
        assertThat(files).containsOnlyKeys(
                "app/templates/cm/configmap-a.yaml",
                "app/templates/cm/configmap-b.yaml",
                "app/templates/deploy/deployment-d.yaml",
                "app/charts/sub/templates/svc/service-s.yaml");
        Object a = Osk.loadAll(new Yaml(), files.get("app/templates/cm/configmap-a.yaml")).get(0);
        assertThat(a).isEqualTo(new Yaml().load("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {v: one}\n"));
        assertThat(files.get("app/charts/sub/templates/svc/service-s.yaml"))
                .contains("# Source: app/charts/sub/templates/svc.yaml");
        assertThat(Files.exists(out.resolve(".osk-output"))).isTrue();
    }

    @Test
    void theFilesHoldTheSameObjectsAsTheStream() throws IOException {
        assertThat(render().code()).isZero();
        Osk.Result stream = Osk.run("render", osk.path("app"));
        assertThat(stream.code()).isZero();
        java.util.List<Object> fromFiles = new java.util.ArrayList<>();
        for (String text : tree(out).values()) {
            fromFiles.addAll(Osk.loadAll(new Yaml(), text));
        }
        assertThat(fromFiles).containsExactlyInAnyOrderElementsOf(stream.docs());
    }

    @Test
    void anEmptyExistingFolderIsFilled() throws IOException {
        Files.createDirectories(out);
        Osk.Result r = render();
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(tree(out)).hasSize(4);
    }

    @Test
    void aNonEmptyFolderNotWrittenByOskIsRefusedAndLeftAlone() throws IOException {
        osk.write("out/precious.txt", "keep me\n");
        Osk.Result r = render();
        assertThat(r.code()).as(r.toString()).isNotZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).doesNotContain("\tat ");
        assertThat(tree(out)).isEqualTo(Map.of("precious.txt", "keep me\n"));
        assertThat(siblings()).containsExactly("app", "out");
    }

    @Test
    void anEarlierOutputIsReplacedWhole() throws IOException {
        assertThat(render().code()).isZero();
        osk.write("app/templates/cm.yaml", Osk.object("v1", "ConfigMap", "a", "data: {v: \"{{v}}\"}"));
        Osk.Result r = render("--set", "v=two");
        assertThat(r.code()).as(r.toString()).isZero();
        Map<String, String> files = tree(out);
        assertThat(files).containsOnlyKeys("app/templates/cm/configmap-a.yaml",
                "app/templates/deploy/deployment-d.yaml", "app/charts/sub/templates/svc/service-s.yaml");
        assertThat(files.get("app/templates/cm/configmap-a.yaml")).contains("v: two");
        assertThat(siblings()).containsExactly("app", "out");
    }

    @Test
    void aRenderErrorLeavesTheFolderAsItWas() throws IOException {
        assertThat(render().code()).isZero();
        Map<String, String> before = tree(out);
        osk.write("app/templates/deploy.yaml", Osk.configMap("d", "x: {{missing}}"));
        Osk.Result r = render("--set", "v=changed");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        assertThat(tree(out)).isEqualTo(before);
        assertThat(siblings()).containsExactly("app", "out");
    }

    @Test
    void aRenderErrorCreatesNoFolder() throws IOException {
        osk.write("app/templates/deploy.yaml", Osk.configMap("d", "x: {{missing}}"));
        Osk.Result r = render();
        assertThat(r.code()).isEqualTo(1);
        assertThat(siblings()).containsExactly("app");
    }

    @Test
    void theSameInputsWriteTheSameFiles() throws IOException {
        assertThat(render().code()).isZero();
        Map<String, String> first = tree(out);
        assertThat(render().code()).isZero();
        assertThat(tree(out)).isEqualTo(first);
    }
}
