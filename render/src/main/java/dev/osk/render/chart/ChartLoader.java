package dev.osk.render.chart;

import dev.osk.render.ControlCharacters;
import dev.osk.render.InvalidRequestException;
import dev.osk.render.Location;
import dev.osk.render.OskException;
import dev.osk.render.TextInput;
import dev.osk.render.template.ValueText;
import dev.osk.render.values.ValueTree;
import dev.osk.render.yaml.YamlDocument;
import dev.osk.render.yaml.YamlReader;
import dev.osk.render.yaml.YamlSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Loads a chart folder and, recursively, the local charts it depends on. Reads only Chart.yaml, values.yaml,
 * values.schema.json and the list of template files; template text is read when a template is compiled.
 */
public final class ChartLoader {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SEMVER = Pattern.compile(
            "v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");
    /** An {@code external} entry: a kind, a slash, a name (a pod entry's name is its labels, k=v,k=v). */
    private static final Pattern EXTERNAL = Pattern.compile("[A-Z][A-Za-z0-9]*/\\S+");
    private static final Pattern SCOPE_WORD = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Set<String> CHART_KEYS = Set.of("apiVersion", "name", "version", "kubeVersion",
            "description", "type", "keywords", "home", "sources", "maintainers", "icon", "appVersion", "deprecated",
            "annotations", "dependencies", "component", "kind", "external");
    private static final Set<String> DEPENDENCY_KEYS = Set.of("name", "version", "repository", "path", "alias",
            "condition", "tags", "import-values", "component", "kind");

    private final Function<Path, String> display;
    private final Path confinedTo;
    private final Map<Path, Chart> loaded = new HashMap<>();
    private final Deque<Path> loading = new ArrayDeque<>();
    private final YamlReader reader = new YamlReader(YamlSchema.CORE);

    /** @param display how a path is shown in messages (for example relative to the working directory) */
    public ChartLoader(Function<Path, String> display) {
        this(display, null);
    }

    /**
     * A loader that refuses dependencies outside {@code confinedTo} (a real path), as for a chart unpacked from an
     * archive: the archive must hold everything it renders.
     */
    public ChartLoader(Function<Path, String> display, Path confinedTo) {
        this.display = display;
        this.confinedTo = confinedTo;
    }

    /** Whether {@code version} is a semantic version as Chart.yaml's {@code version} must be. */
    public static boolean isSemanticVersion(String version) {
        return SEMVER.matcher(version).matches();
    }

    /** Loads the chart in {@code dir}; a folder without Chart.yaml is an invalid request. */
    public Chart load(Path dir) {
        Path real = realDir(dir);
        if (real == null || !Files.isRegularFile(real.resolve("Chart.yaml"))) {
            throw new InvalidRequestException("'" + display.apply(dir) + "' is not a chart (no Chart.yaml)");
        }
        return load(real, null);
    }

    private static Path realDir(Path dir) {
        try {
            return Files.isDirectory(dir) ? dir.toRealPath() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private Chart load(Path dir, Location requestedAt) {
        Chart cached = loaded.get(dir);
        if (cached != null) {
            return cached;
        }
        if (loading.contains(dir)) {
            throw new OskException(requestedAt, "dependency cycle: " + cycle(dir));
        }
        loading.push(dir);
        try {
            ChartFolder folder = new ChartFolder(dir, display);
            String chartFile = display.apply(dir.resolve("Chart.yaml"));
            if (!folder.exists(dir.resolve("Chart.yaml"))) {
                throw new OskException(requestedAt, "no Chart.yaml in " + display.apply(dir));
            }
            ChartMetadata meta = metadata(read(dir.resolve("Chart.yaml")), chartFile);
            ValueTree defaults = folder.exists(dir.resolve("values.yaml")) ? values(dir.resolve("values.yaml"))
                    : ValueTree.empty();
            ValuesSchema schema = schema(folder, meta);
            List<TemplateFile> templates = new ArrayList<>();
            Map<String, Path> partials = new TreeMap<>();
            scanTemplates(folder, templates, partials);
            Chart chart = new Chart(dir, display.apply(dir), meta, defaults, schema, templates, partials);
            List<Chart> deps = new ArrayList<>();
            for (Dependency d : meta.dependencies()) {
                Path lexical = dir.resolve(d.path()).normalize();
                if (lexical.startsWith(dir) && !lexical.equals(dir)) {
                    // a folder inside this chart (charts/NAME): links on the way must stay inside it too
                    folder.exists(lexical);
                }
                Path depDir = realDir(dir.resolve(d.path()));
                if (confinedTo != null && depDir != null && !depDir.startsWith(confinedTo)) {
                    throw new OskException(d.location(), "dependency '" + d.name() + "' at '" + d.path()
                            + "' is outside the archive; an archive must hold every chart it needs");
                }
                if (depDir == null || !Files.isRegularFile(depDir.resolve("Chart.yaml"))) {
                    throw new OskException(d.location(), "dependency '" + d.name() + "': no chart at '"
                            + d.path() + "'");
                }
                Chart dep = load(depDir, d.location());
                if (!dep.name().equals(d.name())) {
                    throw new OskException(d.location(), "dependency '" + d.name() + "' points at chart '"
                            + dep.name() + "' (" + d.path() + ")");
                }
                deps.add(dep);
            }
            chart.setDependencies(deps);
            loaded.put(dir, chart);
            return chart;
        } finally {
            loading.pop();
        }
    }

    private String cycle(Path dir) {
        List<String> names = new ArrayList<>();
        for (Path p : loading) {
            names.add(0, display.apply(p));
        }
        names.add(display.apply(dir));
        return String.join(" -> ", names);
    }

    private YamlDocument read(Path file) {
        String shown = display.apply(file);
        return reader.readOne(TextInput.read(file, shown, TextInput.MAX_YAML_BYTES, "a chart's "
                + file.getFileName()), shown);
    }

    /** The chart's values.schema.json, compiled; null when it has none. */
    private ValuesSchema schema(ChartFolder folder, ChartMetadata meta) {
        Path file = folder.root().resolve(ValuesSchema.FILE);
        if (!folder.exists(file)) {
            return null;
        }
        String shown = display.apply(file);
        if (meta.isLibrary()) {
            throw new OskException(Location.of(shown), "a library chart has no values of its own to check;"
                    + " put the schema in the charts that use it");
        }
        return ValuesSchema.parse(TextInput.read(file, shown, TextInput.MAX_YAML_BYTES, "a values schema"), shown);
    }

    @SuppressWarnings("unchecked")
    private ValueTree values(Path file) {
        if (!Files.exists(file)) {
            return ValueTree.empty();
        }
        YamlDocument doc = read(file);
        if (doc.value() == null) {
            return ValueTree.empty();
        }
        if (!(doc.value() instanceof Map<?, ?>)) {
            throw new OskException(doc.locate(""), "values must be a map of keys to values");
        }
        return new ValueTree((Map<String, Object>) doc.value(), doc.locations());
    }

    @SuppressWarnings("unchecked")
    private ChartMetadata metadata(YamlDocument doc, String file) {
        if (!(doc.value() instanceof Map<?, ?>)) {
            throw new OskException(Location.of(file), "Chart.yaml must be a map");
        }
        Map<String, Object> m = (Map<String, Object>) doc.value();
        for (String k : m.keySet()) {
            if (!CHART_KEYS.contains(k)) {
                throw new OskException(doc.locate("/" + k), "unknown Chart.yaml field '" + k + "'");
            }
        }
        String name = required(m, "name", doc, file);
        if (!NAME.matcher(name).matches() || name.length() > 63) {
            throw new OskException(doc.locate("/name"), "chart name '" + name
                    + "' must be lower-case letters, digits and '-' (at most 63)");
        }
        String version = required(m, "version", doc, file);
        if (!SEMVER.matcher(version).matches()) {
            throw new OskException(doc.locate("/version"), "version '" + version + "' is not a semantic version");
        }
        String type = text(m.get("type"));
        if (type != null && !type.equals("application") && !type.equals("library")) {
            throw new OskException(doc.locate("/type"), "type must be 'application' or 'library', not '" + type + "'");
        }
        String component = scopeWord(m, "component", doc, "");
        String kind = scopeWord(m, "kind", doc, "");
        List<Dependency> deps = new ArrayList<>();
        Object rawDeps = m.get("dependencies");
        if (rawDeps != null) {
            if (!(rawDeps instanceof List<?> list)) {
                throw new OskException(doc.locate("/dependencies"), "dependencies must be a list");
            }
            Set<String> keys = new java.util.HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String ptr = "/dependencies/" + i;
                Dependency d = dependency(list.get(i), doc, ptr);
                if (!keys.add(d.key())) {
                    throw new OskException(doc.locate(ptr), "two dependencies are named '" + d.key()
                            + "': give one an alias");
                }
                deps.add(d);
            }
        }
        return new ChartMetadata(text(m.get("apiVersion")), name, version, text(m.get("appVersion")),
                text(m.get("description")), type == null ? "application" : type, component, kind, List.copyOf(deps),
                external(m.get("external"), doc));
    }

    /** Chart.yaml's {@code external}: a list of {@code KIND/NAME} strings, each once. */
    private static List<String> external(Object raw, YamlDocument doc) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            throw new OskException(doc.locate("/external"), "external must be a list of KIND/NAME entries");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object e = list.get(i);
            if (!(e instanceof String s) || !EXTERNAL.matcher(s).matches()) {
                throw new OskException(doc.locate("/external/" + i), "external entry "
                        + (e instanceof String s ? "'" + ControlCharacters.escape(s) + "'" : "of type "
                        + (e == null ? "null" : e instanceof Map<?, ?> ? "map" : e instanceof List<?> ? "list" : "scalar"))
                        + " is not KIND/NAME (Service/mariadb, Job/keystone-bootstrap, Pod/LABEL=VALUE,...)");
            }
            if (out.contains(s)) {
                throw new OskException(doc.locate("/external/" + i), "external entry '" + s + "' is listed twice");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    @SuppressWarnings("unchecked")
    private Dependency dependency(Object raw, YamlDocument doc, String ptr) {
        if (!(raw instanceof Map<?, ?>)) {
            throw new OskException(doc.locate(ptr), "a dependency must be a map");
        }
        Map<String, Object> d = (Map<String, Object>) raw;
        for (String k : d.keySet()) {
            if (!DEPENDENCY_KEYS.contains(k)) {
                throw new OskException(doc.locate(ptr + "/" + k), "unknown dependency field '" + k + "'");
            }
        }
        String name = text(d.get("name"));
        if (name == null) {
            throw new OskException(doc.locate(ptr), "dependency has no name");
        }
        String path = text(d.get("path"));
        String repo = text(d.get("repository"));
        if (path == null && repo != null) {
            if (!repo.startsWith("file://")) {
                throw new OskException(doc.locate(ptr + "/repository"), "dependency '" + name
                        + "': only local charts are supported (repository: file://PATH)");
            }
            path = repo.substring("file://".length());
        }
        if (path == null) {
            path = "charts/" + name;
        }
        if (ControlCharacters.any(path)) {
            throw new OskException(doc.locate(ptr), "dependency '" + name + "': path '" + ControlCharacters.escape(path)
                    + "' holds a control character");
        }
        String alias = text(d.get("alias"));
        if (alias != null && !Pattern.matches("[A-Za-z0-9_-]+", alias)) {
            throw new OskException(doc.locate(ptr + "/alias"), "alias '" + alias
                    + "' may hold only letters, digits, '-' and '_'");
        }
        return new Dependency(name, path, alias, text(d.get("condition")), scopeWord(d, "component", doc, ptr),
                scopeWord(d, "kind", doc, ptr), doc.locate(ptr));
    }

    private static String scopeWord(Map<String, Object> m, String key, YamlDocument doc, String ptr) {
        String v = text(m.get(key));
        if (v != null && !SCOPE_WORD.matcher(v).matches()) {
            throw new OskException(doc.locate(ptr + "/" + key), key + " '" + v
                    + "' may hold only letters, digits, '-' and '_'");
        }
        return v;
    }

    private static String required(Map<String, Object> m, String key, YamlDocument doc, String file) {
        String v = text(m.get(key));
        if (v == null || v.isEmpty()) {
            throw new OskException(Location.of(file, 1), "Chart.yaml has no '" + key + "'");
        }
        return v;
    }

    private static String text(Object v) {
        return v == null ? null : ValueText.of(v);
    }

    private void scanTemplates(ChartFolder folder, List<TemplateFile> templates, Map<String, Path> partials) {
        Path tdir = folder.root().resolve("templates");
        Path real = folder.check(tdir);
        if (real != null && !Files.isDirectory(real)) {
            throw new OskException(Location.of(display.apply(tdir)), "is " + TextInput.type(real).text
                    + ", not a folder; a chart's templates/ must be a folder of templates");
        }
        List<Path> files = folder.files(tdir, p -> p.getFileName().toString().startsWith("."));
        Map<String, Path> seen = new LinkedHashMap<>();
        for (Path f : files) {
            String rel = tdir.relativize(f).toString().replace('\\', '/');
            String base = f.getFileName().toString();
            if (base.equals("NOTES.txt")) {
                continue;
            }
            if (base.startsWith("_") || base.endsWith(".tpl")) {
                String stem = base.startsWith("_") ? base.substring(1) : base;
                int dot = stem.indexOf('.');
                if (dot > 0) {
                    stem = stem.substring(0, dot);
                }
                int slash = rel.lastIndexOf('/');
                String name = slash < 0 ? stem : rel.substring(0, slash + 1) + stem;
                Path prev = seen.put(name, f);
                if (prev != null) {
                    throw new OskException(Location.of(display.apply(f)), "partial '" + name
                            + "' is defined twice (also " + display.apply(prev) + ")");
                }
                partials.put(name, f);
            } else {
                templates.add(new TemplateFile(f, "templates/" + rel));
            }
        }
    }
}
