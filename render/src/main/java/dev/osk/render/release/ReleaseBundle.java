package dev.osk.render.release;

import dev.osk.render.Engine;
import dev.osk.render.InvalidRequestException;
import dev.osk.render.KubeVersion;
import dev.osk.render.Location;
import dev.osk.render.MultipleProblemsException;
import dev.osk.render.OskException;
import dev.osk.render.TextInput;
import dev.osk.render.RenderOptions;
import dev.osk.render.RenderRequest;
import dev.osk.render.chart.ChartArchive;
import dev.osk.render.manifest.Manifest;
import dev.osk.render.manifest.ManifestWriter;
import dev.osk.render.manifest.OutputFolder;
import dev.osk.render.validate.Check;
import dev.osk.render.validate.ValidationOptions;
import dev.osk.render.validate.ValidationReport;
import dev.osk.render.validate.Validator;
import dev.osk.render.values.ValueSource;
import dev.osk.render.values.ValueTree;
import dev.osk.render.yaml.YamlDocument;
import dev.osk.render.yaml.YamlReader;
import dev.osk.render.yaml.YamlSchema;
import dev.osk.render.yaml.YamlWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A release bundle: a folder holding what was released and tested, checkable later.
 *
 * <pre>
 * NAME-VERSION.tgz   the chart archive (as osk package writes it)
 * values.yaml        the effective values: every -f file and --set flag of the release, merged into one file
 * release.yaml       how to reproduce the render: archive, values, release name, namespace, Kubernetes version
 * manifests.yaml     the rendered and validated objects, as osk render prints them
 * manifests/         the same objects, one file each, as osk render --output-dir writes them
 * SHA256SUMS         the sha256 of every other file, as sha256sum writes them
 * .osk-output        the marker that lets a later release replace the folder
 * </pre>
 *
 * Rendering the archive with values.yaml and the options in release.yaml gives manifests.yaml byte for byte;
 * {@link #verify} checks that and the digests. A bundle is written aside and swapped in whole.
 */
public final class ReleaseBundle {
    public static final String RELEASE_FILE = "release.yaml";
    public static final String VALUES_FILE = "values.yaml";
    public static final String MANIFESTS_FILE = "manifests.yaml";
    public static final String MANIFESTS_DIR = "manifests";
    public static final String SUMS_FILE = "SHA256SUMS";

    /** The most problems of one kind listed before the rest are counted. */
    private static final int MAX_LISTED = 20;
    private static final Pattern SUM_LINE = Pattern.compile("([0-9a-f]{64}) [ *](.+)");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_+-][A-Za-z0-9._+-]*");
    private static final Set<String> RELEASE_KEYS = Set.of("chart", "version", "archive", "archiveSha256", "values",
            "releaseName", "namespace", "kubeVersion", "validation", "objects", "osk");

    /**
     * What to release: the chart (folder or archive), the user's values and render options, the version (and
     * optionally appVersion) to archive under, the archive's timestamp, how to validate, and osk's own version
     * (recorded in release.yaml).
     */
    public record Plan(RenderRequest request, String version, String appVersion, long epoch,
            ValidationOptions validation, String oskVersion) {
    }

    /**
     * What a release did: the validation report and, when the objects are valid, the archive and the bundle's
     * files (null when nothing was written), with the sha256 of SHA256SUMS, which stands for the whole bundle.
     */
    public record Outcome(ValidationReport report, PackagedChart archive, int objects,
            SortedMap<String, byte[]> files, String sumsSha256) {
        public boolean written() {
            return files != null;
        }
    }

    /** What verifying found: problems (none when the bundle verifies) and the validation report. */
    public record Verification(String chart, String version, String archive, int files, int objects,
            KubeVersion kubeVersion, ValidationReport report, List<OskException> problems) {
        public boolean ok() {
            return problems.isEmpty() && (report == null || report.valid());
        }
    }

    /**
     * Packages the chart, merges the values, renders the archive with them, validates, and writes the bundle to
     * {@code dir} when the objects are valid. Problems in the chart or values are thrown as for a render.
     */
    public Outcome create(Plan plan, Path dir) {
        RenderRequest req = plan.request();
        Path chart = req.baseDir().resolve(req.chart());
        PackagedChart archive = new ChartPackager(req.display()).pack(chart, plan.version(), plan.appVersion(),
                plan.epoch());
        ValueTree user = ValueSource.merge(req.values(), req.baseDir(), req.display());
        String values = valuesFile(req.values(), archive.fileName(), user);
        dev.osk.render.Rendering rendering = renderArchive(archive, values, req);
        List<Manifest> manifests = rendering.manifests();
        ValidationReport report = new Validator().validate(manifests, plan.validation().with(rendering.external()));
        if (!report.valid()) {
            return new Outcome(report, archive, manifests.size(), null, null);
        }
        ManifestWriter writer = new ManifestWriter();
        SortedMap<String, byte[]> files = new TreeMap<>();
        files.put(OutputFolder.MARKER, utf8("written by osk release; safe to replace\n"));
        files.put(archive.fileName(), archive.bytes());
        files.put(VALUES_FILE, utf8(values));
        files.put(RELEASE_FILE, utf8(releaseFile(plan, archive, manifests.size())));
        files.put(MANIFESTS_FILE, utf8(writer.stream(manifests)));
        for (Map.Entry<String, String> e : writer.files(manifests).entrySet()) {
            files.put(MANIFESTS_DIR + "/" + e.getKey(), utf8(e.getValue()));
        }
        byte[] sums = utf8(sums(files));
        files.put(SUMS_FILE, sums);
        OutputFolder.replace(dir, files, "-d");
        return new Outcome(report, archive, manifests.size(), files, ChartPackager.sha256(sums));
    }

    /**
     * Renders the packed archive with the merged values file, exactly as {@link #verify} will, with messages
     * naming the chart's source files rather than the unpacked copies.
     */
    private static dev.osk.render.Rendering renderArchive(PackagedChart archive, String values, RenderRequest req) {
        ChartArchive read = ChartArchive.read(archive.bytes(), archive.fileName());
        try (ChartArchive.Unpacked unpacked = read.unpack()) {
            Path valuesFile = unpacked.chartDir().resolveSibling(VALUES_FILE);
            try {
                Files.writeString(valuesFile, values, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new OskException("cannot write the merged values: " + e.getMessage());
            }
            Function<Path, String> inArchive = unpacked.display(req.display());
            Function<Path, String> display = p -> {
                if (p.toAbsolutePath().normalize().equals(valuesFile)) {
                    return VALUES_FILE + " (the merged values)";
                }
                String entry = unpacked.entryOf(p);
                Path source = entry == null ? null : archive.sources().get(entry);
                return source != null ? req.display().apply(source) : inArchive.apply(p);
            };
            RenderRequest fromArchive = new RenderRequest(unpacked.chartDir(),
                    List.of(new ValueSource(ValueSource.Kind.FILE, valuesFile.toString())), req.options(),
                    req.baseDir(), display);
            return new Engine().rendering(fromArchive);
        }
    }

    private static String valuesFile(List<ValueSource> sources, String archive, ValueTree user) {
        StringBuilder sb = new StringBuilder();
        sb.append("# The values of this release");
        if (sources.isEmpty()) {
            sb.append(": none beyond the charts' defaults.\n");
        } else {
            sb.append(", merged in this order (every -f file, then the --set flags):\n");
            for (ValueSource s : sources) {
                if (s.kind() == ValueSource.Kind.FILE) {
                    sb.append("#   ").append(s.kind().flag).append(' ').append(oneLine(s.argument())).append('\n');
                }
            }
            for (ValueSource s : sources) {
                if (s.kind() != ValueSource.Kind.FILE) {
                    sb.append("#   ").append(s.kind().flag).append(' ').append(oneLine(s.argument())).append('\n');
                }
            }
        }
        sb.append("# Rendering ").append(archive).append(" with this file alone reproduces the release's manifests.\n");
        sb.append(user.data().isEmpty() ? "{}\n" : new YamlWriter().write(user.data()));
        return sb.toString();
    }

    private static String oneLine(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }

    private static String releaseFile(Plan plan, PackagedChart archive, int objects) {
        RenderOptions o = plan.request().options();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chart", archive.name());
        m.put("version", archive.version());
        m.put("archive", archive.fileName());
        m.put("archiveSha256", archive.sha256());
        m.put("values", VALUES_FILE);
        if (o.releaseName() != null) {
            m.put("releaseName", o.releaseName());
        }
        if (o.setNamespace()) {
            m.put("namespace", o.namespace());
        }
        m.put("kubeVersion", o.kubeVersion().toString());
        ValidationOptions v = plan.validation();
        if (!v.warnOnly().isEmpty() || !v.external().isEmpty()) {
            Map<String, Object> val = new LinkedHashMap<>();
            if (!v.warnOnly().isEmpty()) {
                val.put("warnOnly", new ArrayList<>(v.warnOnly().stream().map(Check::id).toList()));
            }
            if (!v.external().isEmpty()) {
                val.put("external", new ArrayList<>(v.external()));
            }
            m.put("validation", val);
        }
        m.put("objects", (long) objects);
        m.put("osk", plan.oskVersion());
        return "# osk release bundle: 'osk release verify' renders the archive with the values file and these\n"
                + "# options, compares the result with manifests.yaml and manifests/, and checks SHA256SUMS.\n"
                + new YamlWriter().write(m);
    }

    private static String sums(SortedMap<String, byte[]> files) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            sb.append(ChartPackager.sha256(e.getValue())).append("  ").append(e.getKey()).append('\n');
        }
        return sb.toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Checks the bundle in {@code dir}: every file is listed in SHA256SUMS with its digest (and nothing else is
     * there), the archive rendered with values.yaml and release.yaml's options gives manifests.yaml and
     * manifests/ byte for byte, and those objects validate. {@code oskVersion} is named when a render differs
     * from the one recorded by another osk version.
     */
    public Verification verify(Path dir, Function<Path, String> display, String oskVersion) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidRequestException("'" + display.apply(dir) + "' is not a folder");
        }
        List<OskException> problems = new ArrayList<>();
        Path sumsFile = dir.resolve(SUMS_FILE);
        if (!Files.isRegularFile(sumsFile, LinkOption.NOFOLLOW_LINKS)) {
            throw new OskException(Location.of(display.apply(dir)), "not a release bundle: no " + SUMS_FILE);
        }
        Map<String, String> listed = readSums(sumsFile, display, problems);
        checkDigests(dir, listed, display, problems);
        Path releaseFile = dir.resolve(RELEASE_FILE);
        if (!Files.isRegularFile(releaseFile, LinkOption.NOFOLLOW_LINKS)) {
            problems.add(new OskException(Location.of(display.apply(dir)), "not a release bundle: no " + RELEASE_FILE));
            return new Verification(null, null, null, listed.size(), 0, null, null, problems);
        }
        Release rel;
        try {
            rel = Release.read(releaseFile, display);
        } catch (OskException e) {
            problems.add(e);
            return new Verification(null, null, null, listed.size(), 0, null, null, problems);
        }
        boolean missing = false;
        for (String f : List.of(rel.archive, rel.values)) {
            if (!Files.isRegularFile(dir.resolve(f), LinkOption.NOFOLLOW_LINKS)) {
                problems.add(new OskException(Location.of(display.apply(releaseFile)), "names " + f
                        + ", which the bundle does not hold"));
                missing = true;
            }
        }
        if (missing) {
            return new Verification(rel.chart, rel.version, rel.archive, listed.size(), 0, rel.kubeVersion, null,
                    problems);
        }
        List<Manifest> rendered;
        dev.osk.render.validate.ChartExternals declared;
        RenderOptions opts = new RenderOptions(rel.releaseName, rel.namespace == null ? "default" : rel.namespace,
                rel.namespace != null, rel.kubeVersion, List.of());
        try {
            dev.osk.render.Rendering rendering = new Engine().rendering(new RenderRequest(dir.resolve(rel.archive),
                    List.of(new ValueSource(ValueSource.Kind.FILE, dir.resolve(rel.values).toString())), opts, dir,
                    display));
            rendered = rendering.manifests();
            declared = rendering.external();
        } catch (MultipleProblemsException e) {
            problems.addAll(e.problems());
            return new Verification(rel.chart, rel.version, rel.archive, listed.size(), 0, rel.kubeVersion, null,
                    problems);
        } catch (OskException e) {
            problems.add(e);
            return new Verification(rel.chart, rel.version, rel.archive, listed.size(), 0, rel.kubeVersion, null,
                    problems);
        }
        String versionNote = rel.osk != null && !rel.osk.equals(oskVersion)
                ? " (the bundle was made by osk " + rel.osk + ", this is osk " + oskVersion + ")" : "";
        String against = "the render of " + rel.archive + " with " + rel.values + versionNote;
        ManifestWriter writer = new ManifestWriter();
        compare(dir.resolve(MANIFESTS_FILE), writer.stream(rendered), against, display, problems);
        compareFolder(dir.resolve(MANIFESTS_DIR), writer.files(rendered), against, display, problems);
        ValidationReport report = new Validator().validate(rendered,
                new ValidationOptions(rel.kubeVersion, rel.warnOnly, rel.external).with(declared));
        return new Verification(rel.chart, rel.version, rel.archive, listed.size(), rendered.size(), rel.kubeVersion,
                report, problems);
    }

    /** SHA256SUMS as path to digest; malformed lines and unsafe paths are problems. */
    private static Map<String, String> readSums(Path file, Function<Path, String> display,
            List<OskException> problems) {
        Map<String, String> listed = new TreeMap<>();
        List<String> lines = TextInput.read(file, display.apply(file), TextInput.MAX_YAML_BYTES, "a bundle file")
                .lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Location at = Location.of(display.apply(file), i + 1);
            Matcher m = SUM_LINE.matcher(lines.get(i));
            if (!m.matches()) {
                problems.add(new OskException(at, "not a 'SHA256  PATH' line"));
                continue;
            }
            String path = m.group(2);
            if (!safePath(path) || path.equals(SUMS_FILE)) {
                problems.add(new OskException(at, "'" + path + "' is not a file of the bundle"));
                continue;
            }
            if (listed.put(path, m.group(1)) != null) {
                problems.add(new OskException(at, "'" + path + "' is listed twice"));
            }
        }
        return listed;
    }

    private static boolean safePath(String path) {
        if (path.startsWith("/") || path.indexOf('\\') >= 0 || dev.osk.render.ControlCharacters.any(path)) {
            return false;
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static void checkDigests(Path dir, Map<String, String> listed, Function<Path, String> display,
            List<OskException> problems) {
        List<OskException> found = new ArrayList<>();
        for (Map.Entry<String, String> e : listed.entrySet()) {
            Path f = dir.resolve(e.getKey());
            if (Files.isSymbolicLink(f)) {
                found.add(new OskException(Location.of(display.apply(f)), "is a link; a bundle holds plain files"));
            } else if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                found.add(new OskException(Location.of(display.apply(f)), "missing (listed in " + SUMS_FILE + ")"));
            } else {
                String actual;
                try {
                    actual = ChartPackager.sha256(f);
                } catch (IOException x) {
                    found.add(new OskException(Location.of(display.apply(f)), "cannot read: " + x.getMessage()));
                    continue;
                }
                if (!actual.equals(e.getValue())) {
                    found.add(new OskException(Location.of(display.apply(f)), "sha256 is " + actual + ", "
                            + SUMS_FILE + " says " + e.getValue()));
                }
            }
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                if (p.equals(dir) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (!rel.equals(SUMS_FILE) && !listed.containsKey(rel)) {
                    found.add(new OskException(Location.of(display.apply(p)),
                            Files.isSymbolicLink(p) ? "is a link; a bundle holds plain files"
                                    : "is not listed in " + SUMS_FILE));
                }
            }
        } catch (IOException e) {
            found.add(new OskException(Location.of(display.apply(dir)), "cannot list: " + e.getMessage()));
        }
        addCapped(problems, found, "files do not match " + SUMS_FILE);
    }

    private static void addCapped(List<OskException> problems, List<OskException> found, String what) {
        for (int i = 0; i < found.size() && i < MAX_LISTED; i++) {
            problems.add(found.get(i));
        }
        if (found.size() > MAX_LISTED) {
            problems.add(new OskException("... and " + (found.size() - MAX_LISTED) + " more " + what));
        }
    }

    private static void compare(Path file, String expected, String against, Function<Path, String> display,
            List<OskException> problems) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            problems.add(new OskException(Location.of(display.apply(file)), "missing; " + against + " gives it"));
            return;
        }
        String actual;
        try {
            actual = TextInput.read(file, display.apply(file), TextInput.MAX_YAML_BYTES, "a bundle file");
        } catch (OskException e) {
            problems.add(e);
            return;
        }
        OskException d = difference(display.apply(file), expected, actual, against);
        if (d != null) {
            problems.add(d);
        }
    }

    private static void compareFolder(Path folder, Map<String, String> expected, String against,
            Function<Path, String> display, List<OskException> problems) {
        Map<String, Path> actual = new TreeMap<>();
        if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> s = Files.walk(folder)) {
                for (Path p : s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                    actual.put(folder.relativize(p).toString().replace('\\', '/'), p);
                }
            } catch (IOException e) {
                problems.add(new OskException(Location.of(display.apply(folder)), "cannot list: " + e.getMessage()));
                return;
            }
        }
        if (actual.isEmpty() && !expected.isEmpty()) {
            problems.add(new OskException(Location.of(display.apply(folder)), "missing or empty; " + against
                    + " gives " + expected.size() + " files"));
            return;
        }
        List<OskException> found = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path p = actual.remove(e.getKey());
            Path shown = folder.resolve(e.getKey());
            if (p == null) {
                found.add(new OskException(Location.of(display.apply(shown)), "missing; " + against + " gives it"));
                continue;
            }
            String text;
            try {
                text = TextInput.read(p, display.apply(p), TextInput.MAX_YAML_BYTES, "a bundle file");
            } catch (OskException x) {
                found.add(x);
                continue;
            }
            OskException d = difference(display.apply(p), e.getValue(), text, against);
            if (d != null) {
                found.add(d);
            }
        }
        for (Path extra : actual.values()) {
            found.add(new OskException(Location.of(display.apply(extra)), "is not an object of " + against));
        }
        addCapped(problems, found, "files in " + MANIFESTS_DIR + "/ differ");
    }

    /** Null when equal, else the first differing line of {@code actual}, with what the render gives there. */
    static OskException difference(String file, String expected, String actual, String against) {
        if (expected.equals(actual)) {
            return null;
        }
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        int i = 0;
        while (i < e.length && i < a.length && e[i].equals(a[i])) {
            i++;
        }
        String detail;
        if (i >= a.length) {
            detail = "ends early; " + against + " goes on with " + quote(e[i]);
        } else if (i >= e.length) {
            detail = "has more than " + against + ": " + quote(a[i]);
        } else {
            detail = "differs from " + against + ": " + quote(a[i]) + " where the render has " + quote(e[i]);
        }
        return new OskException(new Location(file, i + 1, 0), detail);
    }

    private static String quote(String line) {
        String s = oneLine(line);
        return "'" + (s.length() > 80 ? s.substring(0, 77) + "..." : s) + "'";
    }

    /** The contents of release.yaml. */
    private record Release(String chart, String version, String archive, String values, String releaseName,
            String namespace, KubeVersion kubeVersion, Set<Check> warnOnly, Set<String> external, String osk) {

        @SuppressWarnings("unchecked")
        static Release read(Path file, Function<Path, String> display) {
            String name = display.apply(file);
            YamlDocument doc = new YamlReader(YamlSchema.CORE).readOne(
                    TextInput.read(file, name, TextInput.MAX_YAML_BYTES, "a bundle file"), name);
            if (!(doc.value() instanceof Map<?, ?>)) {
                throw new OskException(Location.of(name), "must be a map");
            }
            Map<String, Object> m = (Map<String, Object>) doc.value();
            for (String k : m.keySet()) {
                if (!RELEASE_KEYS.contains(k)) {
                    throw new OskException(doc.locate("/" + k), "unknown field '" + k + "'");
                }
            }
            String archive = plainName(doc, m, "archive");
            String values = plainName(doc, m, "values");
            KubeVersion kube;
            try {
                kube = KubeVersion.parse(text(doc, m, "kubeVersion", true));
            } catch (InvalidRequestException e) {
                throw new OskException(doc.locate("/kubeVersion"), e.getMessage());
            }
            Set<Check> warnOnly = new LinkedHashSet<>();
            Set<String> external = new LinkedHashSet<>();
            Object validation = m.get("validation");
            if (validation instanceof Map<?, ?> v) {
                for (Object w : list(doc, v.get("warnOnly"), "/validation/warnOnly")) {
                    try {
                        warnOnly.add(Check.parse(String.valueOf(w)));
                    } catch (InvalidRequestException e) {
                        throw new OskException(doc.locate("/validation/warnOnly"), e.getMessage());
                    }
                }
                for (Object x : list(doc, v.get("external"), "/validation/external")) {
                    external.add(String.valueOf(x));
                }
            } else if (validation != null) {
                throw new OskException(doc.locate("/validation"), "validation must be a map");
            }
            return new Release(text(doc, m, "chart", true), text(doc, m, "version", true), archive, values,
                    text(doc, m, "releaseName", false), text(doc, m, "namespace", false), kube, warnOnly, external,
                    text(doc, m, "osk", false));
        }

        private static List<?> list(YamlDocument doc, Object v, String ptr) {
            if (v == null) {
                return List.of();
            }
            if (!(v instanceof List<?> l)) {
                throw new OskException(doc.locate(ptr), "must be a list");
            }
            return l;
        }

        private static String text(YamlDocument doc, Map<String, Object> m, String key, boolean required) {
            Object v = m.get(key);
            if (v == null) {
                if (required) {
                    throw new OskException(doc.locate(""), "no '" + key + "'");
                }
                return null;
            }
            if (v instanceof Map<?, ?> || v instanceof List<?>) {
                throw new OskException(doc.locate("/" + key), key + " must be a single value");
            }
            return String.valueOf(v);
        }

        private static String plainName(YamlDocument doc, Map<String, Object> m, String key) {
            String v = text(doc, m, key, true);
            if (!PLAIN_NAME.matcher(v).matches() || v.equals(SUMS_FILE)) {
                throw new OskException(doc.locate("/" + key), key + " '" + v
                        + "' must be the name of a file at the top of the bundle");
            }
            return v;
        }
    }
}
