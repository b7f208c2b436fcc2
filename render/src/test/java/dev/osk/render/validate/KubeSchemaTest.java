package dev.osk.render.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * kube-schema.txt, which validation reads, says what fabric8's kubernetes-model says (every kind, apiVersion, field
 * and field type), what kube-apiserver 1.20.2's OpenAPI digest (test-fixtures/validate/openapi) says of the
 * fields 1.20 has and requires, and which version added each later field (test-fixtures/validate/versions, from
 * the model releases of 1.20 to 1.34). {@code -Dosk.updateGolden=true} writes it again (after a model upgrade or a new
 * digest); read the diff before committing it.
 */
class KubeSchemaTest {
    private static final Path REPO = Path.of(System.getProperty("osk.repo", ".."));
    private static final Path FILE = REPO.resolve("render/src/main/resources/dev/osk/render/validate/kube-schema.txt");
    private static final Path DIGEST_120 = REPO.resolve("test-fixtures/validate/openapi/kube-1.20.txt");
    private static final Path FIELD_VERSIONS = REPO.resolve("test-fixtures/validate/versions/fields.txt");

    @Test
    void theSchemaFileIsTheModelsSchema() throws Exception {
        String generated = KubeSchemaGenerator.generate(DIGEST_120, FIELD_VERSIONS);
        if (Boolean.parseBoolean(System.getProperty("osk.updateGolden", "false"))) {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
                .as("kube-schema.txt is stale: mvn -B verify -Dosk.updateGolden=true -pl render -Dtest=KubeSchemaTest")
                .isEqualTo(generated);
    }

    @Test
    void theFieldVersionsWereReadFromTheBundledModel() throws Exception {
        Properties model = new Properties();
        try (InputStream in = KubeSchemaTest.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/io.fabric8/kubernetes-model-core/pom.properties")) {
            model.load(in);
        }
        assertThat(FieldVersionDigest.read(FIELD_VERSIONS).newestRelease())
                .as("versions/fields.txt was read from another model than the bundled one: run"
                        + " test-fixtures/validate/versions/fields.sh")
                .isEqualTo(model.getProperty("version"));
    }

    @Test
    void theSchemaKnowsTheKindsAndFieldsTheModelHas() {
        KubeSchema schema = KubeSchema.get();
        assertThat(schema.apiVersions("Deployment")).contains("apps/v1");
        KubeSchema.Type deployment = schema.type("apps/v1", "Deployment");
        assertThat(schema.fields(deployment)).containsKeys("apiVersion", "kind", "metadata", "spec", "status");
        KubeSchema.Type spec = schema.fields(deployment).get("spec");
        assertThat(schema.fields(spec).get("replicas").form()).isEqualTo(KubeSchema.Form.INT32);
        assertThat(schema.type("v1", "Deployment")).isNull();
        KubeSchema.Type cm = schema.type("v1", "ConfigMap");
        KubeSchema.Type data = schema.fields(cm).get("data");
        assertThat(data.form()).isEqualTo(KubeSchema.Form.MAP);
        assertThat(data.item().form()).isEqualTo(KubeSchema.Form.STRING);
    }
}
