package dev.osk.render.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.render.KubeVersion;
import dev.osk.render.manifest.Manifest;
import dev.osk.render.manifest.ManifestReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The validation corpus in test-fixtures/validate: every file states in its header the verdict a real API
 * server gives (and, for invalid files, the one finding: check, object and JSON pointer), with the documented
 * source of that verdict. osk validate must agree exactly. The custom resources of the corpus follow the
 * definitions in test-fixtures/validate/crds, given as osk validate --crd gives them.
 */
class ValidationCorpusTest {
    static final Path CORPUS = Path.of(System.getProperty("osk.repo", "..")).toAbsolutePath().normalize()
            .resolve("test-fixtures/validate");

    static Map<String, String> header(Path file) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.startsWith("#")) {
                break;
            }
            String body = line.substring(1).trim();
            int colon = body.indexOf(':');
            if (colon > 0 && !h.containsKey(body.substring(0, colon).trim())) {
                h.put(body.substring(0, colon).trim(), body.substring(colon + 1).trim());
            }
        }
        return h;
    }

    static List<Path> files(String dir) throws IOException {
        Path d = CORPUS.resolve(dir);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** The CustomResourceDefinitions the corpus's custom resources follow, as osk validate --crd crds reads them. */
    static List<Manifest> definitions() {
        return new ManifestReader(p -> CORPUS.relativize(p).toString()).read(CORPUS.resolve("crds"));
    }

    static ValidationReport validate(Path file, Map<String, String> h) {
        List<Manifest> ms = new ManifestReader(p -> CORPUS.relativize(p).toString()).read(file);
        KubeVersion v = h.containsKey("kube-version") ? KubeVersion.parse(h.get("kube-version")) : KubeVersion.DEFAULT;
        return new Validator().validate(ms, new ValidationOptions(v, Set.of(), Set.of())
                .withCustomResources(definitions(), Set.of()));
    }

    @TestFactory
    Stream<DynamicTest> validManifestsHaveNoFindings() throws IOException {
        List<Path> valid = files("valid");
        assertThat(valid).as("valid corpus in %s", CORPUS).isNotEmpty();
        return valid.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Map<String, String> h = header(f);
            assertThat(h.get("expect")).isEqualTo("valid");
            ValidationReport r = validate(f, h);
            assertThat(r.findings()).as("findings for %s", f.getFileName()).isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> invalidManifestsHaveExactlyTheExpectedFinding() throws IOException {
        List<Path> invalid = files("invalid");
        assertThat(invalid).as("invalid corpus in %s", CORPUS).isNotEmpty();
        return invalid.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Map<String, String> h = header(f);
            assertThat(h.get("expect")).isEqualTo("invalid");
            ValidationReport r = validate(f, h);
            List<Finding> errors = r.findings().stream().filter(x -> x.severity() == Finding.Severity.ERROR).toList();
            assertThat(errors).as("errors for %s (expected one %s finding at %s %s %s)", f.getFileName(),
                    h.get("check"), h.get("kind"), h.get("name"), h.get("pointer")).hasSize(1);
            Finding only = errors.get(0);
            assertThat(only.check().id()).as("check of %s: %s", f.getFileName(), only.text()).isEqualTo(h.get("check"));
            assertThat(only.object()).as("object of %s", f.getFileName())
                    .contains(" " + h.get("kind") + " ").endsWith(h.get("name"));
            assertThat(only.pointer()).as("pointer of %s: %s", f.getFileName(), only.text()).isEqualTo(h.get("pointer"));
            assertThat(only.location()).as("location of %s", f.getFileName()).isNotNull();
            assertThat(only.location().line()).as("line of %s", f.getFileName()).isPositive();
        }));
    }
}
