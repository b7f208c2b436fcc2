package dev.osk.render.testing;

import dev.osk.render.ChartInstance;
import dev.osk.render.Engine;
import dev.osk.render.KubeVersion;
import dev.osk.render.RenderOptions;
import dev.osk.render.RenderRequest;
import dev.osk.render.manifest.Manifest;
import dev.osk.render.values.ValueSource;
import dev.osk.render.values.ValueTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small chart trees into a test's temporary folder and runs the engine on them. Paths in messages are
 * shown relative to that folder, so expected locations read like {@code app/templates/cm.yaml:5:9}.
 */
public final class TestCharts {
    private final Path base;

    public TestCharts(Path tmp) {
        try {
            this.base = tmp.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path base() {
        return base;
    }

    /** Writes {@code content} to {@code rel} (folders created as needed). */
    public TestCharts write(String rel, String content) {
        Path p = base.resolve(rel);
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A minimal Chart.yaml for {@code name}, followed by {@code extra} lines. */
    public TestCharts chart(String dir, String name, String... extra) {
        StringBuilder sb = new StringBuilder("name: " + name + "\nversion: 0.1.0\n");
        for (String line : extra) {
            sb.append(line).append('\n');
        }
        return write(dir + "/Chart.yaml", sb.toString());
    }

    public Path path(String rel) {
        return base.resolve(rel);
    }

    public String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(base) ? base.relativize(abs).toString().replace('\\', '/') : abs.toString();
    }

    public RenderRequest request(String chart, RenderOptions options, ValueSource... sources) {
        return new RenderRequest(base.resolve(chart), List.of(sources), options, base, this::display);
    }

    public List<Manifest> render(String chart, ValueSource... sources) {
        return render(chart, RenderOptions.defaults(), sources);
    }

    public List<Manifest> render(String chart, RenderOptions options, ValueSource... sources) {
        return new Engine().render(request(chart, options, sources));
    }

    public ChartInstance instances(String chart, ValueSource... sources) {
        return new Engine().instances(request(chart, RenderOptions.defaults(), sources));
    }

    public ValueTree values(String chart, ValueSource... sources) {
        return new Engine().values(request(chart, RenderOptions.defaults(), sources));
    }

    /** The instance at the given chain of keys below {@code root} (aliases or names). */
    public static ChartInstance instance(ChartInstance root, String... keys) {
        ChartInstance cur = root;
        for (String k : keys) {
            ChartInstance next = null;
            for (ChartInstance c : cur.children()) {
                if (c.key().equals(k)) {
                    next = c;
                }
            }
            if (next == null) {
                throw new AssertionError("no enabled chart '" + k + "' under " + cur);
            }
            cur = next;
        }
        return cur;
    }

    public static RenderOptions options(String namespace, String kubeVersion, String... showOnly) {
        return new RenderOptions(null, namespace == null ? "default" : namespace, namespace != null,
                kubeVersion == null ? KubeVersion.DEFAULT : KubeVersion.parse(kubeVersion), List.of(showOnly));
    }

    public static ValueSource file(String f) {
        return new ValueSource(ValueSource.Kind.FILE, f);
    }

    public static ValueSource set(String s) {
        return new ValueSource(ValueSource.Kind.SET, s);
    }

    public static ValueSource setString(String s) {
        return new ValueSource(ValueSource.Kind.SET_STRING, s);
    }

    public static ValueSource setJson(String s) {
        return new ValueSource(ValueSource.Kind.SET_JSON, s);
    }

    public static ValueSource setFile(String s) {
        return new ValueSource(ValueSource.Kind.SET_FILE, s);
    }

    /** The one manifest of {@code kind} named {@code name}. */
    public static Manifest find(List<Manifest> manifests, String kind, String name) {
        List<Manifest> hits = new ArrayList<>();
        for (Manifest m : manifests) {
            if (kind.equals(m.kind()) && name.equals(m.name())) {
                hits.add(m);
            }
        }
        if (hits.size() != 1) {
            throw new AssertionError("expected one " + kind + " '" + name + "', found " + hits.size() + " among "
                    + manifests.stream().map(Manifest::describe).toList());
        }
        return hits.get(0);
    }

    /** The {@code data} map of the ConfigMap named {@code name}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> data(List<Manifest> manifests, String name) {
        Object d = find(manifests, "ConfigMap", name).object().get("data");
        return d == null ? Map.of() : (Map<String, Object>) d;
    }

    /** A map with entries in the given order; values may be null. */
    public static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A ConfigMap template named {@code name} whose {@code data:} block holds {@code dataLines} (indented by 2). */
    public static String configMap(String name, String dataLines) {
        StringBuilder sb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n");
        for (String line : dataLines.split("\n")) {
            sb.append(line.isEmpty() ? "" : "  " + line).append('\n');
        }
        return sb.toString();
    }
}
