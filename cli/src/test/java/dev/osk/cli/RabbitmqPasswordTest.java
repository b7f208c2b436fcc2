package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.render.manifest.Manifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A RabbitMQ password changed after the first boot reaches the broker: RabbitMQ keeps the user of its first start in
 * its data directory, so each member's start script, once the broker has booted, sets that user's password to the
 * Secret's (rabbitmqctl change_password, as the rabbitmq user, in the background of the broker it then execs); the
 * Secret's password is the one of every service's transport URL, and a change of it rolls the members. The real-node
 * suite (test-fixtures/e2e/run-node.sh, day two) changes the password on a running broker.
 */
class RabbitmqPasswordTest {
    static final Path KIT = CatalogueTest.REPO.resolve("charts/kits/openstack");
    static final String CHANGED = "changed p@ss:%41'$x";

    static Map<?, ?> server(List<Manifest> out) {
        return (Map<?, ?>) ((List<?>) HaOverlayTest.at(HaOverlayTest.find(out, "StatefulSet", "rabbitmq-server")
                .object(), "spec", "template", "spec").get("containers")).get(0);
    }

    static String secret(List<Manifest> out, String name, String key) {
        Object v = HaOverlayTest.at(HaOverlayTest.find(out, "Secret", name).object(), "data").get(key);
        return new String(Base64.getDecoder().decode(String.valueOf(v)), StandardCharsets.UTF_8);
    }

    static Map<?, ?> env(Map<?, ?> container, String name) {
        return ((List<?>) container.get("env")).stream().map(e -> (Map<?, ?>) e)
                .filter(e -> name.equals(e.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in the broker's environment"));
    }

    @Test
    void theBrokerIsGivenTheUserAndPasswordOfEveryTransportUrl() {
        List<Manifest> out = KollaImagesTest.render(KIT, List.of("values/aio.yaml"),
                "global.passwords.rabbitmq=" + CHANGED);
        Map<?, ?> c = server(out);
        Map<?, ?> ref = (Map<?, ?>) HaOverlayTest.at(env(c, "RABBITMQ_DEFAULT_PASS"), "valueFrom", "secretKeyRef");
        String password = secret(out, String.valueOf(ref.get("name")), String.valueOf(ref.get("key")));
        assertThat(password).isEqualTo(CHANGED);
        String user = String.valueOf(env(c, "RABBITMQ_DEFAULT_USER").get("value"));
        int transports = 0;
        for (Manifest m : out) {
            Map<String, Object> data = HaOverlayTest.at(m.object(), "data");
            if (m.kind().equals("Secret") && data != null && data.containsKey("transport-url")) {
                assertThat(PasswordEscapingTest.osloMessagingUserPassword(secret(out, m.name(), "transport-url")))
                        .as(m.name()).containsExactly(user, password);
                transports++;
            }
        }
        assertThat(transports).isGreaterThanOrEqualTo(5);
    }

    @Test
    void everyStartSetsTheSecretsPasswordOnceTheBrokerHasBooted() {
        Map<?, ?> c = server(KollaImagesTest.render(KIT, List.of("values/aio.yaml")));
        List<?> command = (List<?>) c.get("command");
        String script = String.valueOf(command.get(command.size() - 1));
        List<String> lines = script.lines().map(String::strip).toList();
        // rabbitmqctl as the broker's user (its Erlang cookie), for the node of RABBITMQ_NODENAME
        assertThat(lines).contains("ctl() { runuser -u rabbitmq -- rabbitmqctl \"$@\"; }");
        assertThat(String.valueOf(env(c, "RABBITMQ_NODENAME").get("value"))).startsWith("rabbit@$(MY_POD_NAME).");
        int boot = lines.indexOf("if ctl await_startup --timeout 10 >/dev/null 2>&1; then");
        int change = lines.indexOf("if ctl change_password -- \"$RABBITMQ_DEFAULT_USER\" \"$RABBITMQ_DEFAULT_PASS\""
                + " >/dev/null 2>&1; then");
        int background = lines.indexOf("(apply_password &)");
        int broker = lines.indexOf("exec runuser -u rabbitmq -- rabbitmq-server");
        assertThat(boot).isPositive();
        assertThat(change).isGreaterThan(boot);
        assertThat(background).isGreaterThan(change);
        assertThat(broker).isEqualTo(background + 1);
        assertThat(lines.subList(0, boot)).contains("apply_password() {");
    }

    @Test
    void aChangedPasswordRollsTheBroker() {
        Map<?, ?> before = annotations(KollaImagesTest.render(KIT, List.of("values/aio.yaml")));
        Map<?, ?> after = annotations(KollaImagesTest.render(KIT, List.of("values/aio.yaml"),
                "global.passwords.rabbitmq=" + CHANGED));
        assertThat(after.get("checksum/secrets")).isNotNull().isNotEqualTo(before.get("checksum/secrets"));
    }

    static Map<?, ?> annotations(List<Manifest> out) {
        return HaOverlayTest.at(HaOverlayTest.find(out, "StatefulSet", "rabbitmq-server").object(), "spec", "template",
                "metadata", "annotations");
    }
}
