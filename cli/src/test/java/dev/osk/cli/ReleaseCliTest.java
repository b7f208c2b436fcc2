package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * README "Release bundles": osk release writes the archive, the effective values, the manifests (one stream, one
 * file per object) and SHA256SUMS; rendering the archive with the bundled values gives the bundled manifests;
 * osk release verify passes on a bundle as written and fails when one byte changes.
 */
class ReleaseCliTest extends ChartsInTempDir {
    Path bundle;

    @BeforeEach
    void setUp() {
        bundle = osk.base().resolve("bundle");
        osk.chart("src/app", "app", "dependencies:",
                "  - {name: cfg, repository: file://../shared/cfg, alias: settings}");
        osk.write("src/app/values.yaml", "greeting: hello\nremovable: present\ntricky: {}\n");
        osk.write("src/app/templates/cm.yaml", Osk.configMap("{{osk.release.name}}-app",
                "greeting: {{greeting}}\nremovable: \"{{removable?}}\"\ntricky: {{osk.json.tricky}}"));
        osk.chart("src/shared/cfg", "cfg");
        osk.write("src/shared/cfg/values.yaml", "text: default\n");
        osk.write("src/shared/cfg/templates/cm.yaml", Osk.configMap("{{osk.scope.key}}", "text: {{text}}"));
        osk.write("overlay.yaml", "greeting: hi\nsettings: {text: from-overlay}\n");
    }

    Osk.Result release(String... extra) {
        List<String> args = new ArrayList<>(List.of("release", osk.path("src/app"), "-f", osk.path("overlay.yaml"),
                "--version", "1.0.0", "-d", bundle.toString()));
        args.addAll(List.of(extra));
        return Osk.exec(args.toArray(String[]::new));
    }

    Osk.Result verify() {
        return Osk.exec("release", "verify", bundle.toString());
    }

    /** Every file under {@code dir} by relative path, with its bytes. */
    static Map<String, byte[]> tree(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    @Test
    void theBundleHoldsArchiveValuesManifestsAndTheirDigests() throws Exception {
        Osk.Result r = release();
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(names(bundle)).containsExactly(".osk-output", "SHA256SUMS", "app-1.0.0.tgz", "manifests",
                "manifests.yaml", "release.yaml", "values.yaml");
        Map<String, byte[]> files = tree(bundle);
        StringBuilder sums = new StringBuilder();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            if (!e.getKey().equals("SHA256SUMS")) {
                sums.append(PackageCliTest.sha256(e.getValue())).append("  ").append(e.getKey()).append('\n');
            }
        }
        assertThat(new String(files.get("SHA256SUMS"), StandardCharsets.UTF_8)).isEqualTo(sums.toString());
        assertThat(r.out()).isEqualTo(PackageCliTest.sha256(files.get("app-1.0.0.tgz")) + "  " + bundle.resolve("app-1.0.0.tgz")
                + "\n" + PackageCliTest.sha256(files.get("SHA256SUMS")) + "  " + bundle.resolve("SHA256SUMS") + "\n");
        assertThat(files).containsOnlyKeys(".osk-output", "SHA256SUMS", "app-1.0.0.tgz", "manifests.yaml",
                "release.yaml", "values.yaml", "manifests/app/templates/cm/configmap-app-app.yaml",
                "manifests/app/charts/settings/templates/cm/configmap-settings.yaml");
        // the manifests are what osk render prints for the same chart and values
        Osk.Result rendered = Osk.exec("render", osk.path("src/app"), "-f", osk.path("overlay.yaml"));
        assertThat(new String(files.get("manifests.yaml"), StandardCharsets.UTF_8)).isEqualTo(rendered.out())
                .contains("greeting: hi", "text: from-overlay");
    }

    @Test
    void renderingTheArchiveWithTheBundledValuesReproducesTheManifests() throws IOException {
        assertThat(release("-n", "prod", "--release-name", "r1", "--set", "settings.text=flag").code()).isZero();
        Osk.Result again = Osk.exec("render", bundle.resolve("app-1.0.0.tgz").toString(), "-f",
                bundle.resolve("values.yaml").toString(), "-n", "prod", "--release-name", "r1");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).isEqualTo(Files.readString(bundle.resolve("manifests.yaml")))
                .contains("name: r1-app", "namespace: prod", "text: flag");
        Map<String, Object> release = new Yaml().load(Files.readString(bundle.resolve("release.yaml")));
        assertThat(release).containsEntry("chart", "app").containsEntry("version", "1.0.0")
                .containsEntry("archive", "app-1.0.0.tgz").containsEntry("values", "values.yaml")
                .containsEntry("releaseName", "r1").containsEntry("namespace", "prod")
                .containsEntry("kubeVersion", "1.34").containsEntry("objects", 2);
    }

    @Test
    void theBundledValuesAreTheMergedOverlaysAndFlagsWithTheirOrigins() throws IOException {
        assertThat(release("--set", "settings.text=flag", "--set", "removable=null").code()).isZero();
        String values = Files.readString(bundle.resolve("values.yaml"));
        assertThat(values).startsWith("# The values of this release, merged in this order (every -f file, then the"
                + " --set flags):\n#   -f " + osk.path("overlay.yaml") + "\n#   --set settings.text=flag\n"
                + "#   --set removable=null\n");
        Map<String, Object> merged = new Yaml().load(values);
        // a null is kept: it deletes the chart's default when the archive is rendered with this file
        assertThat(merged).isEqualTo(new Yaml().load("{greeting: hi, settings: {text: flag}, removable: null}"));
        // the default 'present' is gone; an absent optional value inside quotes renders as empty text
        assertThat(Files.readString(bundle.resolve("manifests.yaml"))).contains("removable: \"\"\n")
                .doesNotContain("present");
    }

    @Test
    void verifyPassesOnABundleAsWritten() {
        assertThat(release("-n", "prod", "--release-name", "r1").code()).isZero();
        Osk.Result v = verify();
        assertThat(v.code()).as(v.toString()).isZero();
        assertThat(v.err()).isEmpty();
        assertThat(v.out()).isEqualTo("verified " + bundle + ": app 1.0.0; 7 files match SHA256SUMS; 2 objects"
                + " rendered from app-1.0.0.tgz equal manifests.yaml and manifests/ byte for byte and validate for"
                + " Kubernetes 1.34\n");
    }

    static void flipOneByte(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(to).hasSameSizeAs(from);
        assertThat(text).contains(from);
        Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from), to));
    }

    @Test
    void oneChangedByteInAManifestFailsVerification() throws IOException {
        assertThat(release().code()).isZero();
        Path cm = bundle.resolve("manifests/app/charts/settings/templates/cm/configmap-settings.yaml");
        flipOneByte(cm, "from-overlay", "from-overlaY");
        Osk.Result v = verify();
        assertThat(v.code()).isEqualTo(1);
        assertThat(v.out()).isEmpty();
        assertThat(v.errLines()).hasSize(3);
        assertThat(v.errLines().get(0)).startsWith(cm + ": sha256 is ").contains(", SHA256SUMS says ");
        assertThat(v.errLines().get(1)).isEqualTo(cm + ":8: differs from the render of app-1.0.0.tgz with values.yaml:"
                + " '  text: from-overlaY' where the render has '  text: from-overlay'");
        assertThat(v.errLines().get(2)).isEqualTo("osk: " + bundle + " does not verify");
    }

    @Test
    void oneChangedByteInTheStreamFailsVerification() throws IOException {
        assertThat(release().code()).isZero();
        flipOneByte(bundle.resolve("manifests.yaml"), "greeting: hi", "greeting: ho");
        Osk.Result v = verify();
        assertThat(v.code()).isEqualTo(1);
        assertThat(v.err()).contains(bundle.resolve("manifests.yaml") + ": sha256 is ",
                bundle.resolve("manifests.yaml") + ":16: differs from the render of app-1.0.0.tgz with values.yaml:"
                        + " '  greeting: ho' where the render has '  greeting: hi'");
    }

    /** Rewrites the SHA256SUMS line of {@code rel} so the digests match again. */
    void reSum(String rel) throws Exception {
        Path sums = bundle.resolve("SHA256SUMS");
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(sums)) {
            sb.append(line.endsWith("  " + rel)
                    ? PackageCliTest.sha256(Files.readAllBytes(bundle.resolve(rel))) + "  " + rel : line).append('\n');
        }
        Files.writeString(sums, sb.toString());
    }

    @Test
    void matchingDigestsDoNotHideManifestsTheArchiveDoesNotGive() throws Exception {
        assertThat(release().code()).isZero();
        flipOneByte(bundle.resolve("manifests.yaml"), "greeting: hi", "greeting: ho");
        reSum("manifests.yaml");
        Osk.Result v = verify();
        assertThat(v.code()).isEqualTo(1);
        assertThat(v.errLines()).containsExactly(bundle.resolve("manifests.yaml") + ":16: differs from the render of"
                + " app-1.0.0.tgz with values.yaml: '  greeting: ho' where the render has '  greeting: hi'",
                "osk: " + bundle + " does not verify");
    }

    @Test
    void changedValuesWithMatchingDigestsNoLongerReproduceTheManifests() throws Exception {
        assertThat(release().code()).isZero();
        flipOneByte(bundle.resolve("values.yaml"), "greeting: hi", "greeting: yo");
        reSum("values.yaml");
        Osk.Result v = verify();
        assertThat(v.code()).isEqualTo(1);
        assertThat(v.errLines()).containsExactly(
                bundle.resolve("manifests.yaml") + ":16: differs from the render of app-1.0.0.tgz with values.yaml:"
                        + " '  greeting: hi' where the render has '  greeting: yo'",
                bundle.resolve("manifests/app/templates/cm/configmap-app-app.yaml") + ":8: differs from the render of"
                        + " app-1.0.0.tgz with values.yaml: '  greeting: hi' where the render has '  greeting: yo'",
                "osk: " + bundle + " does not verify");
    }

    @Test
    void extraAndMissingFilesFailVerification() throws IOException {
        assertThat(release().code()).isZero();
        Files.writeString(bundle.resolve("notes.txt"), "added later\n");
        Path settings = bundle.resolve("manifests/app/charts/settings/templates/cm/configmap-settings.yaml");
        Files.delete(settings);
        Osk.Result v = verify();
        assertThat(v.code()).isEqualTo(1);
        assertThat(v.errLines()).containsExactly(
                settings + ": missing (listed in SHA256SUMS)",
                bundle.resolve("notes.txt") + ": is not listed in SHA256SUMS",
                settings + ": missing; the render of app-1.0.0.tgz with values.yaml gives it",
                "osk: " + bundle + " does not verify");
    }

    @Test
    void aFolderThatIsNoBundleIsReported() throws IOException {
        Files.createDirectories(bundle);
        Osk.Result v = verify();
        assertThat(v.code()).isEqualTo(1);
        assertThat(v.errLines()).containsExactly(bundle + ": not a release bundle: no SHA256SUMS");
        Osk.Result missing = Osk.exec("release", "verify", osk.path("nowhere"));
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.errLines()).containsExactly("osk: '" + osk.path("nowhere") + "' is not a folder");
    }

    @Test
    void theSameInputsGiveTheSameBundleByteForByte() throws IOException {
        assertThat(release("--set", "settings.text=x").code()).isZero();
        Map<String, byte[]> first = tree(bundle);
        try (Stream<Path> s = Files.walk(osk.base().resolve("src"))) {
            for (Path p : s.toList()) {
                Files.setLastModifiedTime(p, FileTime.fromMillis(946_684_800_000L));
            }
        }
        Path other = osk.base().resolve("other");
        Osk.Result r = Osk.exec("release", osk.path("src/app"), "-f", osk.path("overlay.yaml"), "--version", "1.0.0",
                "-d", other.toString(), "--set", "settings.text=x");
        assertThat(r.code()).isZero();
        Map<String, byte[]> second = tree(other);
        assertThat(second.keySet()).isEqualTo(first.keySet());
        for (String k : first.keySet()) {
            assertThat(second.get(k)).as(k).isEqualTo(first.get(k));
        }
    }

    @Test
    void trickyValuesSurviveTheTripThroughTheBundledValuesFile() throws IOException {
        osk.write("text.txt", "line one\n  indented: yes\ntrailing spaces   \n\n");
        osk.write("tricky.yaml", "tricky:\n  octal: \"0755\"\n  lead: \" space\"\n  list: [1, \"2\", null, {a: b}]\n");
        String[] flags = {"-f", osk.path("tricky.yaml"), "--set-string", "tricky.yes=yes", "--set", "tricky.dec=1.10",
            "--set", "tricky.big=123456789012345678901234567890", "--set-json", "tricky.json={\"f\":1.50,\"e\":1e3}",
            "--set-file", "tricky.text=" + osk.path("text.txt"), "--set-string", "tricky.snow=h\u00e9llo \u2603",
            "--set", "tricky.a\\.b=dotted", "--set-string", "tricky.colon=a: b #c", "--set", "removable=null"};
        List<String> args = new ArrayList<>(List.of(flags));
        Osk.Result r = release(args.toArray(String[]::new));
        assertThat(r.code()).as(r.toString()).isZero();
        Osk.Result v = verify();
        assertThat(v.code()).as(v.toString()).isZero();
        args.addAll(0, List.of("render", osk.path("src/app"), "-f", osk.path("overlay.yaml")));
        Osk.Result folder = Osk.exec(args.toArray(String[]::new));
        assertThat(Files.readString(bundle.resolve("manifests.yaml"))).isEqualTo(folder.out())
                .contains("\\\"big\\\":123456789012345678901234567890", "\\\"dec\\\":\\\"1.10\\\"",
                        "\\\"f\\\":1.50", "\\\"octal\\\":\\\"0755\\\"");
    }

    @Test
    void verifyValidatesWithTheOptionsTheReleaseWasMadeWith() throws IOException {
        osk.write("src/app/templates/pod.yaml", Osk.object("v1", "Pod", "p", "spec:", "  containers:",
                "    - name: c", "      image: busybox", "      envFrom:", "        - configMapRef: {name: elsewhere}"));
        Osk.Result strict = release();
        assertThat(strict.code()).isEqualTo(1);
        assertThat(strict.err()).contains("ConfigMap 'elsewhere'", "[references]", "no bundle written");

        Osk.Result warned = release("--warn-only", "references");
        assertThat(warned.code()).as(warned.toString()).isZero();
        assertThat(warned.errLines()).singleElement().asString().contains("warning:", "[references]");
        Osk.Result v = verify();
        assertThat(v.code()).as(v.toString()).isZero();
        // the same finding; at release time it names the source file, at verify time the file in the bundle's archive
        assertThat(warned.err()).startsWith(osk.path("src/app/templates/pod.yaml") + ":10: warning:");
        assertThat(v.err()).isEqualTo(warned.err().replace(osk.path("src/app/templates/pod.yaml"),
                bundle.resolve("app-1.0.0.tgz/app/templates/pod.yaml").toString()));

        assertThat(release("--external", "ConfigMap/elsewhere").code()).isZero();
        Osk.Result quiet = verify();
        assertThat(quiet.code()).as(quiet.toString()).isZero();
        assertThat(quiet.err()).isEmpty();
        Map<String, Object> release = new Yaml().load(Files.readString(bundle.resolve("release.yaml")));
        assertThat(release).containsEntry("validation", Map.of("external", List.of("ConfigMap/elsewhere")));
    }

    @Test
    void anInvalidRenderWritesNoBundleAndKeepsTheOldOne() throws IOException {
        assertThat(release().code()).isZero();
        Map<String, byte[]> before = tree(bundle);
        osk.write("src/app/templates/deploy.yaml", Osk.object("apps/v1", "Deployment", "broken"));
        Osk.Result r = release("--version", "2.0.0");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).last().isEqualTo("osk: invalid: 3 objects: 1 error, 0 warnings; no bundle written");
        assertThat(r.errLines().get(0)).contains("error: apps/v1 Deployment broken: /spec");
        Map<String, byte[]> after = tree(bundle);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        assertThat(names(osk.base())).containsExactly("bundle", "overlay.yaml", "src");
    }

    @Test
    void aLaterReleaseReplacesTheBundleWhole() throws IOException {
        assertThat(release().code()).isZero();
        Osk.Result r = Osk.exec("release", osk.path("src/app"), "--version", "1.1.0", "-d", bundle.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(names(bundle)).contains("app-1.1.0.tgz").doesNotContain("app-1.0.0.tgz");
        assertThat(verify().code()).isZero();
        assertThat(names(osk.base())).containsExactly("bundle", "overlay.yaml", "src");
    }

    @Test
    void aFolderOskDidNotWriteIsNeverReplaced() throws IOException {
        osk.write("bundle/precious.txt", "keep\n");
        Osk.Result r = release();
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("-d " + bundle + " is not empty and was not written by osk;"
                + " refusing to replace it");
        assertThat(names(bundle)).containsExactly("precious.txt");
    }

    @Test
    void chartVersionAndDestinationAreRequired() {
        assertThat(Osk.exec("release", "--version", "1.0.0", "-d", "x").errLines())
                .containsExactly("osk: release: CHART is required (osk release CHART -f FILE... --version V -d DIR)");
        assertThat(Osk.exec("release", osk.path("src/app"), "-d", "x").errLines())
                .containsExactly("osk: release: --version is required");
        Osk.Result noDir = Osk.exec("release", osk.path("src/app"), "--version", "1.0.0");
        assertThat(noDir.code()).isEqualTo(2);
        assertThat(noDir.errLines()).containsExactly("osk: release: -d DIR is required");
    }
}
