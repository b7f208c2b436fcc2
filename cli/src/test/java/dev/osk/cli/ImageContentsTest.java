package dev.osk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osk.render.manifest.Manifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The programs and Python modules every container command runs, and the paths it assumes, are in the Kolla 2024.1
 * image that runs it: test-fixtures/kolla/image-contents-2024.1.txt records, per image, each one with the line of
 * Kolla's sources that puts it there, and an image has what its parents have. Commands are read from the render
 * (command, args, exec probes, and the scripts they run from the service's ConfigMap), so a chart that calls a
 * program its image lacks, or one nobody has checked, fails here.
 */
class ImageContentsTest {
    static final Path REPO = GoldenCasesTest.REPO;

    /** what the fixture says an image holds, itself and through its parents */
    record Contents(Map<String, String> parent, Map<String, Map<String, String>> facts) {
        Map<String, String> of(String image) {
            Map<String, String> out = new LinkedHashMap<>();
            for (String i = image; i != null; i = parent.get(i)) {
                facts.getOrDefault(i, Map.of()).forEach(out::putIfAbsent);
            }
            return out;
        }

        boolean known(String image) {
            return facts.containsKey(image) || parent.containsKey(image);
        }
    }

    static Contents contents() {
        Map<String, String> parent = new HashMap<>();
        Map<String, Map<String, String>> facts = new HashMap<>();
        for (String line : KollaImagesTest.lines("image-contents-2024.1.txt")) {
            String[] f = line.split("\\s+", 4);
            assertThat(f).as("IMAGE KIND NAME SOURCE: %s", line).hasSize(4);
            switch (f[1]) {
                case "from" -> parent.put(f[0], f[2]);
                case "program", "module", "path" -> facts.computeIfAbsent(f[0], k -> new LinkedHashMap<>())
                        .put(f[1] + " " + f[2], f[3]);
                default -> throw new AssertionError("unknown kind '" + f[1] + "' in: " + line);
            }
        }
        return new Contents(parent, facts);
    }

    /** one container of a render: its image's Kolla name, what it runs, its environment and its mounted files */
    record Container(String where, String image, List<List<String>> commands, Map<String, String> env,
            Map<String, String> files, List<String> mounts) {
    }

    static List<Container> containers(List<Manifest> render, String prefix) {
        Map<String, Map<?, ?>> configMaps = new HashMap<>();
        for (Manifest m : render) {
            if (m.kind().equals("ConfigMap")) {
                configMaps.put(m.name(), (Map<?, ?>) m.object().getOrDefault("data", Map.of()));
            }
        }
        List<Container> out = new ArrayList<>();
        for (Manifest m : render) {
            podSpecs(m.object(), spec -> {
                Map<String, String> volumes = new HashMap<>();
                for (Object v : list(spec.get("volumes"))) {
                    Map<?, ?> vol = (Map<?, ?>) v;
                    if (vol.get("configMap") instanceof Map<?, ?> cm) {
                        volumes.put(String.valueOf(vol.get("name")), String.valueOf(cm.get("name")));
                    }
                }
                for (Object o : list(spec.get("containers"))) {
                    Map<?, ?> c = (Map<?, ?>) o;
                    String image = String.valueOf(c.get("image"));
                    if (!image.startsWith(prefix + "/")) {
                        continue;
                    }
                    String name = image.substring(prefix.length() + 1, image.lastIndexOf(':'));
                    List<List<String>> commands = new ArrayList<>();
                    List<String> argv = new ArrayList<>();
                    list(c.get("command")).forEach(w -> argv.add(String.valueOf(w)));
                    list(c.get("args")).forEach(w -> argv.add(String.valueOf(w)));
                    commands.add(argv);
                    for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                        if (c.get(probe) instanceof Map<?, ?> p && p.get("exec") instanceof Map<?, ?> e) {
                            commands.add(list(e.get("command")).stream().map(String::valueOf).toList());
                        }
                    }
                    Map<String, String> env = new HashMap<>();
                    for (Object e : list(c.get("env"))) {
                        Map<?, ?> var = (Map<?, ?>) e;
                        if (var.get("value") != null) {
                            env.put(String.valueOf(var.get("name")), String.valueOf(var.get("value")));
                        }
                    }
                    Map<String, String> files = new HashMap<>();
                    List<String> mounts = new ArrayList<>();
                    for (Object vm : list(c.get("volumeMounts"))) {
                        Map<?, ?> mount = (Map<?, ?>) vm;
                        mounts.add(String.valueOf(mount.get("mountPath")));
                        Map<?, ?> data = configMaps.get(volumes.get(String.valueOf(mount.get("name"))));
                        if (data != null && mount.get("subPath") != null) {
                            Object text = data.get(mount.get("subPath"));
                            if (text != null) {
                                files.put(String.valueOf(mount.get("mountPath")), String.valueOf(text));
                            }
                        }
                    }
                    out.add(new Container(m.kind() + "/" + m.name() + " container " + c.get("name"), name, commands,
                            env, files, mounts));
                }
            });
        }
        return out;
    }

    private static void podSpecs(Object node, java.util.function.Consumer<Map<?, ?>> each) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("containers") instanceof List<?>) {
                each.accept(map);
                return;
            }
            map.values().forEach(v -> podSpecs(v, each));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> podSpecs(v, each));
        }
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    /** one line per program, module or script the fixture does not place in the container's image */
    static List<String> problems(List<Container> containers, Contents contents) {
        Set<String> out = new LinkedHashSet<>();
        for (Container c : containers) {
            if (!contents.known(c.image())) {
                out.add(c.where() + ": image " + c.image() + " has no entry in image-contents-2024.1.txt");
            }
            Map<String, String> has = contents.of(c.image());
            // paths inside the image that the container's environment names (envVars such as HORIZON_PYTHON);
            // a path at or under one of the container's own mounts comes with the pod, not the image
            c.env().forEach((name, value) -> {
                boolean mounted = c.mounts().stream().anyMatch(m -> value.equals(m) || value.startsWith(m + "/"));
                if (value.startsWith("/") && !mounted && !has.containsKey("path " + value)) {
                    out.add(c.where() + ": " + name + "=" + value + ", a path " + c.image() + " is not known to have");
                }
            });
            // files mounted where Kolla's own tools read them (kolla_set_configs' config.json)
            for (String mount : c.mounts()) {
                if (mount.startsWith("/var/lib/kolla/") && !has.containsKey("path " + mount)) {
                    out.add(c.where() + ": mounts " + mount + ", a path " + c.image() + " is not known to read");
                }
            }
            for (List<String> argv : c.commands()) {
                ShellCommands.Needs needs = ShellCommands.of(argv, c.env()::get, c.files());
                for (String p : needs.programs()) {
                    String name = ShellCommands.base(p);
                    if (!has.containsKey("program " + name)) {
                        out.add(c.where() + ": runs '" + name + "', which " + c.image() + " is not known to have");
                    }
                    if (p.startsWith("/") && !has.containsKey("path " + p)) {
                        out.add(c.where() + ": runs " + p + ", a path " + c.image() + " is not known to have");
                    }
                }
                for (String mod : needs.modules()) {
                    if (!has.containsKey("module " + mod)) {
                        out.add(c.where() + ": imports Python module '" + mod + "', which " + c.image()
                                + " is not known to have");
                    }
                }
                for (String f : needs.sourced()) {
                    if (!has.containsKey("path " + f)) {
                        out.add(c.where() + ": sources " + f + ", a path " + c.image() + " is not known to have");
                    }
                }
                for (String u : needs.unresolved()) {
                    out.add(c.where() + ": runs '" + u + "', which the check cannot resolve");
                }
            }
        }
        return new ArrayList<>(out);
    }

    static Stream<KollaImagesTest.Case> kollaCases() throws IOException {
        return KollaImagesTest.cases().stream().filter(c -> c.naming() != KollaImagesTest.NODE_SUITE);
    }

    @TestFactory
    Stream<DynamicTest> everyCommandRunsWhatItsImageHas() throws IOException {
        Contents contents = contents();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path kit : KollaImagesTest.kits()) {
            kollaCases().forEach(c -> tests.add(DynamicTest.dynamicTest(kit.getFileName() + " with " + c.label(), () -> {
                List<Container> cs = containers(KollaImagesTest.render(kit, c.files()), c.naming().prefix());
                assertThat(cs).isNotEmpty();
                assertThat(problems(cs, contents)).isEmpty();
            })));
        }
        return tests.stream();
    }

    @Test
    void everyFactNamesItsSource() {
        Contents contents = contents();
        assertThat(contents.parent().keySet()).allMatch(i -> KollaImagesTest.kollaImages().containsKey(i));
        for (Map.Entry<String, Map<String, String>> e : contents.facts().entrySet()) {
            assertThat(KollaImagesTest.kollaImages()).as("image %s", e.getKey()).containsKey(e.getKey());
            e.getValue().forEach((fact, source) -> assertThat(source).as("%s %s", e.getKey(), fact)
                    .matches(".*(docker/\\S+:\\d+|kolla/\\S+:\\d+|ansible/roles/\\S+:\\d+|ubuntu).*"));
        }
    }

    @Test
    void aProgramTheImageLacksIsReported() {
        Contents contents = contents();
        Path kit = REPO.resolve("charts/kits/openstack");
        // the db-init Jobs as they were before: the mysql client, which kolla-toolbox does not carry
        List<Container> cs = containers(KollaImagesTest.render(kit, List.of("values/aio.yaml"),
                "keystone.db-sync.command={/bin/bash,-ec,mysql -h mariadb -e 'SELECT 1' && kubectl get pods}",
                "memcached.server.command={python3,-c,import requests}"), KollaImagesTest.KOLLA.prefix());
        List<String> found = problems(cs, contents);
        assertThat(found).contains(
                "Job/keystone-db-sync container db-sync: runs 'mysql', which keystone is not known to have",
                "Job/keystone-db-sync container db-sync: runs 'kubectl', which keystone is not known to have",
                "StatefulSet/memcached container server: imports Python module 'requests', which memcached is not"
                        + " known to have");
    }

    @Test
    void aMountedPythonScriptIsReadForItsImports() {
        List<Container> cs = containers(KollaImagesTest.render(REPO.resolve("charts/kits/openstack"),
                List.of("values/aio.yaml"), "mariadb.scripts.confText.mariadb-primary\\.py=import yaml"),
                KollaImagesTest.KOLLA.prefix());
        assertThat(problems(cs, contents())).containsExactly("Deployment/mariadb-primary container primary: imports"
                + " Python module 'yaml', which mariadb-server is not known to have");
    }

    @Test
    void aPathTheImageLacksIsReported() {
        Path kit = REPO.resolve("charts/kits/openstack");
        // the venv's folder named as on distributions without a versioned one, and Apache's files moved
        List<Container> cs = containers(KollaImagesTest.render(kit, List.of("values/aio.yaml"),
                "horizon.envVars.HORIZON_SITE_PACKAGES=/var/lib/kolla/venv/lib/python3/site-packages",
                "horizon.envVars.HORIZON_APACHE_ENVVARS=/etc/httpd/envvars",
                "horizon.envVars.HORIZON_APACHE=/usr/sbin/httpd"), KollaImagesTest.KOLLA.prefix());
        assertThat(problems(cs, contents())).containsExactlyInAnyOrder(
                "Deployment/horizon container dashboard: HORIZON_SITE_PACKAGES=/var/lib/kolla/venv/lib/python3/site-packages,"
                        + " a path horizon is not known to have",
                "Deployment/horizon container dashboard: HORIZON_APACHE_ENVVARS=/etc/httpd/envvars, a path horizon is not"
                        + " known to have",
                "Deployment/horizon container dashboard: HORIZON_APACHE=/usr/sbin/httpd, a path horizon is not known to have",
                "Deployment/horizon container dashboard: sources /etc/httpd/envvars, a path horizon is not known to have",
                "Deployment/horizon container dashboard: runs 'httpd', which horizon is not known to have",
                "Deployment/horizon container dashboard: runs /usr/sbin/httpd, a path horizon is not known to have");
    }

    @Test
    void theScriptReaderFindsEachProgram() {
        ShellCommands.Needs n = ShellCommands.of(List.of("dumb-init", "--single-child", "--", "/bin/bash", "-c", """
                set -e
                # a comment naming notaprogram
                X=$(python3 - "$A" <<'PY'
                import json, ssl
                from urllib import request
                PY
                )
                FLAG=false
                wait_for() {
                  timeout 2 bash -c "exec 3<>/dev/tcp/$H/3306" 2>/dev/null
                }
                until wait_for; do sleep 1; done
                if $FLAG && [ -f x ]; then grep -q a b | sed s/a/b/ >/dev/null 2>&1; fi
                mysql -uroot <<SQL
                SELECT notaprogram;
                SQL
                for i in $(seq 3); do echo "$(date)"; done
                "$TOOL" --x
                ctl() { runuser -u rabbitmq -- rabbitmqctl "$@"; }
                ctl status
                python3 -u /usr/local/bin/tool.py
                exec runuser -u rabbitmq -- rabbitmq-server
                """), Map.of("TOOL", "/usr/bin/tool")::get, Map.of("/usr/local/bin/tool.py", "import re, yaml\n"));
        assertThat(n.programs()).containsExactlyInAnyOrder("dumb-init", "/bin/bash", "python3", "timeout", "bash", "sleep",
                "grep", "sed", "mysql", "seq", "date", "/usr/bin/tool", "runuser", "rabbitmqctl", "rabbitmq-server");
        assertThat(n.modules()).containsExactlyInAnyOrder("json", "ssl", "urllib", "re", "yaml");
        assertThat(n.unresolved()).isEmpty();
        assertThat(new TreeSet<>(ShellCommands.of(List.of("sh", "-c", "$UNKNOWN arg"), k -> null, Map.of())
                .unresolved())).containsExactly("$UNKNOWN");
    }
}
