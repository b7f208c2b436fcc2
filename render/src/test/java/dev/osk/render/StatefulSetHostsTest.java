package dev.osk.render;

import static dev.osk.render.testing.TestCharts.data;
import static dev.osk.render.testing.TestCharts.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osk.render.manifest.Manifest;
import dev.osk.render.testing.TestCharts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README "Helpers": a {type: statefulset-hosts} value in a config map becomes one host per pod of the StatefulSet
 * that another chart of the render renders, so a client's server list follows the replica count.
 */
class StatefulSetHostsTest {
    @TempDir
    Path tmp;
    TestCharts fx;

    private static final String STATEFULSET = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: {{name}}
            spec:
              serviceName: {{serviceName}}
              replicas: {{replicas}}
              selector: {matchLabels: {app: cache}}
              template:
                metadata: {labels: {app: cache}}
                spec:
                  containers: [{name: c, image: cache}]
            """;

    @BeforeEach
    void setUp() {
        fx = new TestCharts(tmp);
        // a kit with a cache service (itself a chart with a StatefulSet microchart) and a client service
        fx.chart("kit", "kit", "dependencies:", "  - name: cache", "  - name: client");
        fx.write("kit/values.yaml", "cache: {replicas: 3}\n");
        fx.chart("kit/charts/cache", "cache", "dependencies:", "  - name: sts", "    alias: server-statefulset");
        fx.write("kit/charts/cache/values.yaml", "name: cache\nserviceName: cache-peers\n");
        fx.chart("kit/charts/cache/charts/sts", "sts");
        fx.write("kit/charts/cache/charts/sts/templates/sts.yaml", STATEFULSET);
        fx.chart("kit/charts/client", "client");
        fx.write("kit/charts/client/values.yaml", """
                conf:
                  client:
                    cache:
                      servers: {type: statefulset-hosts, chart: cache/server-statefulset, port: 11211}
                    other:
                      kept: [a, b]
                """);
        fx.write("kit/charts/client/templates/cm.yaml", TestCharts.configMap("client", """
                client.conf: {{osk.ini.conf.client}}
                client.json: {{osk.json.conf.client.cache}}
                servers: {{osk.join.conf.client.cache.servers}}"""));
    }

    @Test
    void oneHostPerReplicaByPodNameAndHeadlessService() {
        List<Manifest> out = fx.render("kit");
        assertThat(data(out, "client").get("client.conf")).isEqualTo("""
                [cache]
                servers = cache-0.cache-peers:11211,cache-1.cache-peers:11211,cache-2.cache-peers:11211

                [other]
                kept = a,b
                """);
        assertThat(data(out, "client").get("client.json")).isEqualTo(
                "{\"servers\":\"cache-0.cache-peers:11211,cache-1.cache-peers:11211,cache-2.cache-peers:11211\"}");
        assertThat(data(out, "client").get("servers"))
                .isEqualTo("cache-0.cache-peers:11211,cache-1.cache-peers:11211,cache-2.cache-peers:11211");
    }

    @Test
    void theListFollowsTheReplicasWhereverTheyAreSet() {
        // set at the StatefulSet's own block, which the client chart never sees: the list still follows
        List<Manifest> one = fx.render("kit", set("cache.server-statefulset.replicas=1"));
        assertThat(data(one, "client").get("servers")).isEqualTo("cache-0.cache-peers:11211");
        List<Manifest> five = fx.render("kit", set("cache.replicas=5"), set("cache.name=mc"));
        assertThat(data(five, "client").get("servers")).isEqualTo(
                "mc-0.cache-peers:11211,mc-1.cache-peers:11211,mc-2.cache-peers:11211,mc-3.cache-peers:11211,"
                        + "mc-4.cache-peers:11211");
    }

    @Test
    void aChartThatIsNotInTheRenderIsAnErrorNamingTheValueAndTheTemplate() {
        fx.write("kit/Chart.yaml", "name: kit\nversion: 0.1.0\ndependencies:\n  - name: cache\n"
                + "    condition: cache.enabled\n  - name: client\n");
        assertThatThrownBy(() -> fx.render("kit", set("cache.enabled=false")))
                .isInstanceOf(OskException.class)
                .hasMessage("kit/charts/client/templates/cm.yaml:6:16: osk.ini: 'conf.client.cache.servers': no chart"
                        + " 'cache/server-statefulset' in this render of kit (switched off, or in another kit?); give"
                        + " the value an otherwise text, or the option its hosts as text"
                        + " (rendering kit/charts/client/templates/cm.yaml)");
        // with an otherwise text, that text stands in; the client chart rendered on its own uses it too
        List<Manifest> off = fx.render("kit", set("cache.enabled=false"),
                set("client.conf.client.cache.servers.otherwise=cache-0.cache-peers:11211"));
        assertThat(data(off, "client").get("servers")).isEqualTo("cache-0.cache-peers:11211");
        List<Manifest> alone = fx.render("kit/charts/client",
                set("conf.client.cache.servers.otherwise=elsewhere:11211"));
        assertThat(data(alone, "client").get("servers")).isEqualTo("elsewhere:11211");
        List<Manifest> on = fx.render("kit", set("client.conf.client.cache.servers.otherwise=unused:1"));
        assertThat(data(on, "client").get("servers"))
                .isEqualTo("cache-0.cache-peers:11211,cache-1.cache-peers:11211,cache-2.cache-peers:11211");
    }

    @Test
    void badSpecsAreErrors() {
        assertThatThrownBy(() -> fx.render("kit", set("client.conf.client.cache.servers.port=99999")))
                .isInstanceOf(OskException.class)
                .hasMessageContaining("'conf.client.cache.servers': a statefulset-hosts value needs port: a number"
                        + " from 1 to 65535, not '99999'");
        assertThatThrownBy(() -> fx.render("kit", set("client.conf.client.cache.servers.prot=1")))
                .isInstanceOf(OskException.class)
                .hasMessageContaining("'conf.client.cache.servers': unknown key 'prot' in a statefulset-hosts value");
        assertThatThrownBy(() -> fx.render("kit", set("client.conf.client.cache.servers.chart=cache")))
                .isInstanceOf(OskException.class)
                .hasMessageContaining("'conf.client.cache.servers': chart 'cache' renders no StatefulSet");
        assertThatThrownBy(() -> fx.render("kit", set("cache.replicas=0")))
                .isInstanceOf(OskException.class)
                .hasMessageContaining("the StatefulSet cache of chart 'cache/server-statefulset' has replicas 0");
    }
}
