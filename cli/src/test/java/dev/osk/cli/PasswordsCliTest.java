package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * README "Passwords": a production render with a placeholder password left fails naming each key and the file
 * that set it; {@code osk passwords} writes, once, an overlay with a random password for every placeholder, and
 * renders with it succeed, carry no placeholder, and stay byte-identical.
 */
class PasswordsCliTest {
    static final Path REPO = GoldenCasesTest.REPO;

    @TempDir
    Path tmp;

    static Osk.Result run(String... args) {
        return Osk.inRepo(args);
    }

    @Test
    void theHaOverlayAloneIsRefusedNamingEveryPlaceholderAndItsFile() {
        Osk.Result r = run("render", "-f", "values/multinode-ha.yaml");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        List<String> lines = r.err().lines().toList();
        assertThat(lines).allSatisfy(l -> assertThat(l).contains("holds the placeholder password"));
        assertThat(lines).contains("charts/services/keystone/values.yaml:8:57: keystone.databases[0].password holds the"
                + " placeholder password 'change-me-keystone-db': set it in an overlay (osk passwords writes one) or,"
                + " for a test install, set global.allowPlaceholderPasswords: true");
        assertThat(lines).anySatisfy(l -> assertThat(l)
                .startsWith("charts/library/osk-common/values.yaml:").contains(" global.passwords.dbRoot holds"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(" nova-compute.keystoneUser.password holds"));
    }

    @Test
    void aServiceSwitchedOffKeepsItsPlaceholdersOutOfTheReport() {
        Osk.Result r = run("render", "-f", "values/multinode-ha.yaml", "--set", "keystone.enabled=false");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).doesNotContain("keystone.databases").contains("glance.databases[0].password");
    }

    @Test
    void theGeneratedOverlayMakesTheHaRenderSucceedWithoutAPlaceholder() throws Exception {
        Path file = tmp.resolve("passwords.yaml");
        Osk.Result gen = run("passwords", "-o", file.toString());
        assertThat(gen.code()).as(gen.err()).isZero();
        assertThat(gen.out()).isEmpty();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String text = Files.readString(file);
        assertThat(text).doesNotContain("change-me-").doesNotContain("replace-with-vault-ref-");

        Map<String, Object> overlay = new Yaml().load(text);
        List<String> leaves = new ArrayList<>();
        passwords(overlay, leaves);
        assertThat(leaves).hasSizeGreaterThan(15).allSatisfy(p -> assertThat(p).matches("[A-Za-z0-9]{32}"));
        assertThat(leaves.stream().distinct().count()).as("one password per placeholder").isEqualTo(leaves.size() - 1);
        assertThat(dig(overlay, "nova-compute", "keystoneUser", "password"))
                .as("nova-compute signs in as nova's service user").isEqualTo(dig(overlay, "nova", "keystoneUser", "password"));

        Osk.Result first = run("render", "-f", "values/multinode-ha.yaml", "-f", file.toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.err()).isEmpty();
        Osk.Result second = run("render", "-f", "values/multinode-ha.yaml", "-f", file.toString());
        assertThat(second.out()).as("renders with the same file are byte-identical").isEqualTo(first.out());
        assertThat(first.out()).doesNotContain("change-me-").doesNotContain("replace-with-vault-ref-");
        for (Object doc : new Yaml().loadAll(first.out())) {
            if (doc instanceof Map<?, ?> m && "Secret".equals(m.get("kind")) && m.get("data") instanceof Map<?, ?> d) {
                for (Object v : d.values()) {
                    assertThat(new String(Base64.getDecoder().decode((String) v), StandardCharsets.UTF_8))
                            .doesNotContain("change-me-");
                }
            }
        }
        String keystonePassword = (String) ((Map<?, ?>) ((List<?>) dig(overlay, "keystone", "databases")).get(0))
                .get("password");
        assertThat(first.out()).contains(Base64.getEncoder().encodeToString(
                ("mysql+pymysql://keystone:" + keystonePassword + "@mariadb:3306/keystone").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anExistingFileIsKeptUnlessForced() throws Exception {
        Path file = tmp.resolve("passwords.yaml");
        assertThat(run("passwords", "-o", file.toString()).code()).isZero();
        String before = Files.readString(file);
        Osk.Result again = run("passwords", "-o", file.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("passwords.yaml: exists; osk passwords never replaces a passwords file");
        assertThat(Files.readString(file)).isEqualTo(before);
        Osk.Result forced = run("passwords", "-o", file.toString(), "--force");
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(Files.readString(file)).as("fresh passwords").isNotEqualTo(before);
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("passwords.yaml");
        }
    }

    @Test
    void standardOutputGetsTheOverlayAndEachRunIsNew() {
        Osk.Result a = run("passwords");
        Osk.Result b = run("passwords");
        assertThat(a.code()).isZero();
        assertThat(a.out()).startsWith("# Passwords for every placeholder of openstack").contains("global:")
                .isNotEqualTo(b.out());
    }

    @SuppressWarnings("unchecked")
    static void passwords(Object node, List<String> out) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v instanceof String s && !List.of("key", "name", "user").contains(k)) {
                    out.add(s);
                } else {
                    passwords(v, out);
                }
            });
        } else if (node instanceof List<?> l) {
            l.forEach(v -> passwords(v, out));
        }
    }

    static Object dig(Map<String, Object> m, String... keys) {
        Object v = m;
        for (String k : keys) {
            v = ((Map<?, ?>) v).get(k);
        }
        return v;
    }
}
