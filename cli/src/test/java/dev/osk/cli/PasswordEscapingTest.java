package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.render.Engine;
import dev.osk.render.RenderOptions;
import dev.osk.render.RenderRequest;
import dev.osk.render.manifest.Manifest;
import dev.osk.render.values.ValueSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Hostile passwords (the real-node suite's test-fixtures/e2e/node/hostile-passwords.yaml: ' @ : / % $ \ space #,
 * a percent sequence and oslo.config's $name, ${name} and \$ forms) reach every consumer as themselves: the
 * connection URLs in the Secrets parse back, by SQLAlchemy's and oslo.messaging's rules, to the user and password
 * of the overlay; every OS_SECTION__OPTION variable, read the way oslo.config reads it (it substitutes $), gives
 * the overlay's password or a URL that parses back to it.
 */
class PasswordEscapingTest {
    static final Path REPO = GoldenCasesTest.REPO;
    static final Path OVERLAY = REPO.resolve("test-fixtures/e2e/node/hostile-passwords.yaml");
    /** A database user that needs encoding too (the node's users stay plain: MariaDB has its own rules). */
    static final String HOSTILE_USER = "ke'y@s:t/o%2Fn$e\\ #";

    static Map<String, Map<String, String>> secrets = new HashMap<>();
    static List<Map<String, Object>> containers = new ArrayList<>();
    /** user -> password, as the overlay (and the --set-json below) sets them. */
    static Map<String, String> dbUsers = new HashMap<>();
    static Set<String> passwords = new HashSet<>();
    static String rabbitPassword;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void render() throws Exception {
        Map<String, Object> overlay = new Yaml().load(Files.readString(OVERLAY));
        collect(overlay);
        Map<String, Object> global = (Map<String, Object>) overlay.get("global");
        rabbitPassword = (String) ((Map<String, Object>) global.get("passwords")).get("rabbitmq");
        String keystoneDbPassword = "keystone-db-of-the-hostile-user$x\\$y'@:/%";
        dbUsers.put(HOSTILE_USER, keystoneDbPassword);
        dbUsers.remove("keystone");
        passwords.add(keystoneDbPassword);

        String json = "keystone.databases=[{\"key\":\"db\",\"name\":\"keystone\",\"user\":" + jsonString(HOSTILE_USER)
                + ",\"password\":" + jsonString(keystoneDbPassword) + "}]";
        List<ValueSource> values = List.of(
                new ValueSource(ValueSource.Kind.FILE, REPO.resolve("values/aio.yaml").toString()),
                new ValueSource(ValueSource.Kind.FILE, OVERLAY.toString()),
                new ValueSource(ValueSource.Kind.SET_JSON, json));
        List<Manifest> ms = new Engine().render(new RenderRequest(REPO.resolve("charts/kits/openstack"), values,
                RenderOptions.defaults(), REPO, p -> REPO.relativize(p.toAbsolutePath().normalize()).toString()));
        for (Manifest m : ms) {
            if (m.kind().equals("Secret")) {
                Map<String, String> data = new LinkedHashMap<>();
                Map<String, Object> d = (Map<String, Object>) m.object().get("data");
                if (d != null) {
                    d.forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode((String) v),
                            StandardCharsets.UTF_8)));
                }
                secrets.put(m.name(), data);
            }
            collectContainers(m.object(), containers);
        }
    }

    @SuppressWarnings("unchecked")
    static void collect(Object node) {
        if (node instanceof Map<?, ?> m) {
            if (m.get("user") instanceof String u && m.get("password") instanceof String p) {
                dbUsers.put(u, p);
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getValue() instanceof String s && !String.valueOf(e.getKey()).matches("key|name|user")) {
                    passwords.add(s);
                }
                collect(e.getValue());
            }
        } else if (node instanceof List<?> l) {
            l.forEach(PasswordEscapingTest::collect);
        }
    }

    @SuppressWarnings("unchecked")
    static void collectContainers(Object node, List<Map<String, Object>> out) {
        if (node instanceof Map<?, ?> m) {
            for (String k : List.of("containers", "initContainers")) {
                if (m.get(k) instanceof List<?> l) {
                    l.forEach(c -> out.add((Map<String, Object>) c));
                }
            }
            m.values().forEach(v -> collectContainers(v, out));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> collectContainers(v, out));
        }
    }

    @Test
    void everyConnectionUrlParsesBackToTheUserAndPasswordOfTheOverlay() {
        int databases = 0;
        int transports = 0;
        for (Map.Entry<String, Map<String, String>> s : secrets.entrySet()) {
            for (Map.Entry<String, String> e : s.getValue().entrySet()) {
                String where = s.getKey() + "/" + e.getKey();
                if (e.getKey().endsWith("-connection")) {
                    String[] up = sqlalchemyUserPassword(e.getValue());
                    assertThat(dbUsers).as(where).containsKey(up[0]);
                    assertThat(up[1]).as(where).isEqualTo(dbUsers.get(up[0]));
                    databases++;
                } else if (e.getKey().equals("transport-url")) {
                    assertThat(osloMessagingUserPassword(e.getValue())).as(where)
                            .containsExactly("openstack", rabbitPassword);
                    transports++;
                }
            }
        }
        // every service with a database (keystone, glance, placement, nova's three, neutron, cinder), and the
        // transport URL of every service that talks to RabbitMQ
        assertThat(databases).isEqualTo(8);
        assertThat(transports).isGreaterThanOrEqualTo(5);
        assertThat(secrets.get("keystone-secrets").get("db-connection")).as("the user is encoded too")
                .startsWith("mysql+pymysql://ke%27y%40s%3At%2Fo%252Fn%24e%5C%20%23:");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOptionFromTheEnvironmentReadsBackAsThePassword() {
        int options = 0;
        int plain = 0;
        for (Map<String, Object> c : containers) {
            if (!(c.get("env") instanceof List<?> env)) {
                continue;
            }
            for (Object o : env) {
                Map<String, Object> var = (Map<String, Object>) o;
                if (!(var.get("valueFrom") instanceof Map<?, ?> from)
                        || !(from.get("secretKeyRef") instanceof Map<?, ?> ref)) {
                    continue;
                }
                String name = (String) var.get("name");
                String where = c.get("name") + " " + name;
                String stored = secrets.get((String) ref.get("name")).get((String) ref.get("key"));
                assertThat(stored).as(where).isNotNull();
                Matcher option = Pattern.compile("OS_([A-Z0-9_]+?)__([A-Z0-9_]+)").matcher(name);
                if (!option.matches()) {
                    if (name.contains("PASS") || name.equals("HORIZON_SECRET_KEY")) {
                        assertThat(passwords).as(where + " is a password of the overlay as it is").contains(stored);
                        plain++;
                    }
                    continue;
                }
                String read = osloConfigRead(stored, where);
                String opt = option.group(2);
                if (opt.endsWith("CONNECTION")) {
                    String[] up = sqlalchemyUserPassword(read);
                    assertThat(up[1]).as(where).isEqualTo(dbUsers.get(up[0]));
                } else if (opt.equals("TRANSPORT_URL")) {
                    assertThat(osloMessagingUserPassword(read)).as(where).containsExactly("openstack", rabbitPassword);
                } else {
                    assertThat(passwords).as(where + " as oslo.config reads it").contains(read);
                }
                options++;
            }
        }
        assertThat(options).as("OS_SECTION__OPTION variables from Secrets").isGreaterThan(30);
        assertThat(plain).as("password variables for shells and clients").isGreaterThan(10);
    }

    @Test
    void theOsloConfigReadingOfThisTestSubstitutesAsOsloConfigDoes() {
        // the emulation below, against oslo.config's documented behaviour: $$ and \$ are a dollar, $name looks up
        assertThat(osloConfigRead("a$$b\\$c$", "t")).isEqualTo("a$b$c$");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> osloConfigRead("p$host", "t"))
                .hasMessageContaining("$host");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> osloConfigRead("p${user}", "t"))
                .hasMessageContaining("user");
    }

    /**
     * A value as oslo.config reads it (cfg.py, ConfigOpts._substitute, unmaintained/2024.1 and unmaintained/zed):
     * each {@code \$} becomes {@code $$}, then Python's string.Template with oslo.config's idpattern
     * {@code [_a-z][\._a-z0-9]*} (case-insensitive): {@code $$} is {@code $}, {@code $name} and {@code ${name}}
     * look an option up (here an error: a password must never do that), any other {@code $} stays.
     */
    static String osloConfigRead(String value, String where) {
        String v = value.replace("\\$", "$$");
        Pattern p = Pattern.compile("\\$(?:(\\$)|([_a-z][._a-z0-9]*)|\\{([_a-z][._a-z0-9]*)}|())",
                Pattern.CASE_INSENSITIVE);
        Matcher m = p.matcher(v);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            if (m.group(2) != null || m.group(3) != null) {
                throw new AssertionError(where + ": oslo.config would substitute $"
                        + (m.group(2) != null ? m.group(2) : "{" + m.group(3) + "}") + " in " + value);
            }
            m.appendReplacement(out, Matcher.quoteReplacement("$"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** SQLAlchemy's URL rules (engine/url.py _parse_url, rel_1_4_46 and rel_2_0_29): user and password, unquoted. */
    static String[] sqlalchemyUserPassword(String url) {
        Matcher m = Pattern.compile("(?<name>[\\w+]+)://(?:(?<username>[^:/]*)(?::(?<password>[^@]*))?@)?"
                + "(?:(?:\\[(?<ipv6host>[^/?]+)]|(?<ipv4host>[^/:?]+))?(?::(?<port>[^/?]*))?)?"
                + "(?:/(?<database>[^?]*))?(?:\\?(?<query>.*))?").matcher(url);
        assertThat(m.lookingAt()).as(url).isTrue();
        assertThat(m.group("port")).as("port of " + url).isEqualTo("3306");
        return new String[] {unquote(m.group("username")), unquote(m.group("password"))};
    }

    /** oslo.messaging's rules (transport.py TransportURL.parse, unmaintained/2024.1): user and password. */
    static List<String> osloMessagingUserPassword(String url) {
        int start = url.indexOf("://") + 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String netloc = url.substring(start, end);
        assertThat(netloc.split(",")).as(url).hasSize(1);
        int at = netloc.lastIndexOf('@');
        String userinfo = netloc.substring(0, at);
        assertThat(netloc.substring(at + 1)).isEqualTo("rabbitmq:5672");
        int colon = userinfo.indexOf(':');
        return List.of(unquote(userinfo.substring(0, colon)), unquote(userinfo.substring(colon + 1)));
    }

    /** Python's urllib.parse.unquote: %XX sequences as UTF-8 bytes, everything else (+ too) as it is. */
    static String unquote(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '%' && i + 2 < b.length
                    && Character.digit(b[i + 1], 16) >= 0 && Character.digit(b[i + 2], 16) >= 0) {
                out.write(Character.digit(b[i + 1], 16) * 16 + Character.digit(b[i + 2], 16));
                i += 2;
            } else {
                out.write(b[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
