package dev.osk.render.release;

import dev.osk.render.InvalidRequestException;
import dev.osk.render.Location;
import dev.osk.render.OskException;
import dev.osk.render.TextInput;
import dev.osk.render.chart.Chart;
import dev.osk.render.chart.ChartArchive;
import dev.osk.render.chart.ChartFolder;
import dev.osk.render.chart.ChartLoader;
import dev.osk.render.manifest.OutputFolder;
import dev.osk.render.yaml.YamlDocument;
import dev.osk.render.yaml.YamlReader;
import dev.osk.render.yaml.YamlSchema;
import dev.osk.render.yaml.YamlWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Packs a chart folder into a chart archive that renders on its own: the chart at {@code NAME/}, and every chart
 * it depends on, at any depth, vendored once each at {@code NAME/charts/DEP/} (a chart several charts use is
 * stored once; two different charts of the same name are told apart by version, then by number). The archived
 * Chart.yaml files point at the vendored copies ({@code repository: file://charts/DEP} in the top chart,
 * {@code file://../DEP} between vendored charts); every other file is stored as it is.
 *
 * <p>The bytes depend only on the files' contents and the given modification time: entries sorted, fixed modes
 * and owners, osk's own gzip encoder. A chart's files are its folder's files except hidden ones (a name starting
 * with '.'), its {@code charts/} folder (vendored dependencies take its place), folders holding another
 * chart's Chart.yaml, and osk's own output folders (an {@code --output-dir} or release bundle, which hold the
 * {@link OutputFolder#MARKER}).
 */
public final class ChartPackager {
    /** The modification time archives get when no SOURCE_DATE_EPOCH is given: 1980-01-01T00:00:00Z. */
    public static final long DEFAULT_EPOCH = 315_532_800L;

    private final Function<Path, String> display;

    /** @param display how a path is shown in messages */
    public ChartPackager(Function<Path, String> display) {
        this.display = display;
    }

    /**
     * Packs the chart folder (or re-packs the chart archive) at {@code chart}.
     *
     * @param version the archived chart's version, or null to keep Chart.yaml's
     * @param appVersion the archived chart's appVersion, or null to keep Chart.yaml's
     * @param epoch the modification time of every entry, in seconds since 1970
     */
    public PackagedChart pack(Path chart, String version, String appVersion, long epoch) {
        if (version != null && !ChartLoader.isSemanticVersion(version)) {
            throw new InvalidRequestException("--version '" + version + "' is not a semantic version (such as 1.2.0)");
        }
        if (appVersion != null && (appVersion.isBlank() || appVersion.chars().anyMatch(c -> c < 0x20))) {
            throw new InvalidRequestException("--app-version must be one line of text");
        }
        if (epoch < 0 || epoch > TarWriter.MAX_MTIME) {
            throw new InvalidRequestException("SOURCE_DATE_EPOCH " + epoch + " is outside 0.." + TarWriter.MAX_MTIME);
        }
        if (Files.isRegularFile(chart)) {
            ChartArchive archive = ChartArchive.read(chart, display.apply(chart));
            try (ChartArchive.Unpacked unpacked = archive.unpack()) {
                Function<Path, String> inside = unpacked.display(display);
                Chart root = new ChartLoader(inside, unpacked.chartDir()).load(unpacked.chartDir());
                return pack(root, inside, version, appVersion, epoch, false);
            }
        }
        return pack(new ChartLoader(display).load(chart), display, version, appVersion, epoch, true);
    }

    private PackagedChart pack(Chart root, Function<Path, String> shown, String version, String appVersion,
            long epoch, boolean keepSources) {
        Map<Chart, String> vendored = vendorNames(root);
        SortedMap<String, byte[]> files = new TreeMap<>();
        Map<String, Path> sources = new TreeMap<>();
        String top = root.name();
        add(files, sources, top, root, chartYaml(root, shown, vendored, "charts/", version, appVersion), shown);
        for (Map.Entry<Chart, String> v : vendored.entrySet()) {
            Chart c = v.getKey();
            add(files, sources, top + "/charts/" + v.getValue(), c, chartYaml(c, shown, vendored, "../", null, null),
                    shown);
        }
        TarWriter tar = new TarWriter(epoch);
        long size = 0;
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            size += 512 + f.getValue().length + TarWriter.padding(f.getValue().length);
            try {
                tar.add(f.getKey(), f.getValue());
            } catch (IllegalArgumentException e) {
                Path src = sources.get(f.getKey());
                throw new OskException(Location.of(src == null ? f.getKey() : shown.apply(src)),
                        "cannot be archived: " + e.getMessage());
            }
        }
        if (files.size() > ChartArchive.MAX_ENTRIES || size + 2 * 512 > ChartArchive.MAX_UNPACKED) {
            throw new OskException(Location.of(shown.apply(root.dir())), "too large to package: " + files.size()
                    + " files, " + (size >> 10) + " KiB (an archive holds at most " + ChartArchive.MAX_ENTRIES
                    + " files and " + (ChartArchive.MAX_UNPACKED >> 20) + " MiB)");
        }
        byte[] archive = GzipEncoder.gzip(tar.toByteArray());
        String finalVersion = version != null ? version : root.metadata().version();
        String name = top + "-" + finalVersion + ".tgz";
        selfCheck(archive, name);
        return new PackagedChart(top, finalVersion, name, archive, sha256(archive), keepSources ? sources : Map.of());
    }

    /** The archive must read back and load on its own; anything else is a bug in the packager. */
    private static void selfCheck(byte[] archive, String name) {
        ChartArchive back = ChartArchive.read(archive, name);
        try (ChartArchive.Unpacked u = back.unpack()) {
            new ChartLoader(u.display(Path::toString), u.chartDir()).load(u.chartDir());
        }
    }

    /** Every chart below the root, once, named by where it goes under charts/: depth first, Chart.yaml order. */
    private static Map<Chart, String> vendorNames(Chart root) {
        Map<Chart, String> names = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        List<Chart> order = new ArrayList<>();
        collect(root, order, new HashSet<>());
        order.remove(root);
        for (Chart c : order) {
            String name = c.name();
            if (!taken.add(name)) {
                name = c.name() + "-" + c.metadata().version();
                for (int n = 2; !taken.add(name); n++) {
                    name = c.name() + "-" + c.metadata().version() + "-" + n;
                }
            }
            names.put(c, name);
        }
        return names;
    }

    private static void collect(Chart c, List<Chart> out, Set<Path> seen) {
        if (!seen.add(c.dir())) {
            return;
        }
        out.add(c);
        for (Chart d : c.dependencies()) {
            collect(d, out, seen);
        }
    }

    /**
     * The Chart.yaml to archive: the original bytes when nothing changes, else the file rewritten (comments are
     * not kept) with each dependency's repository pointing at its vendored copy and the version overrides set.
     */
    @SuppressWarnings("unchecked")
    private static byte[] chartYaml(Chart c, Function<Path, String> shown, Map<Chart, String> vendored,
            String prefix, String version, String appVersion) {
        Path file = c.dir().resolve("Chart.yaml");
        byte[] original = read(file, shown);
        if (c.dependencies().isEmpty() && version == null && appVersion == null) {
            return original;
        }
        YamlDocument doc = new YamlReader(YamlSchema.CORE).readOne(new String(original, StandardCharsets.UTF_8),
                shown.apply(file));
        Map<String, Object> meta = new LinkedHashMap<>((Map<String, Object>) doc.value());
        if (version != null) {
            meta.put("version", version);
        }
        if (appVersion != null) {
            if (!meta.containsKey("appVersion")) {
                Map<String, Object> reordered = new LinkedHashMap<>();
                for (Map.Entry<String, Object> e : meta.entrySet()) {
                    reordered.put(e.getKey(), e.getValue());
                    if (e.getKey().equals("version")) {
                        reordered.put("appVersion", appVersion);
                    }
                }
                meta = reordered;
            }
            meta.put("appVersion", appVersion);
        }
        if (!c.dependencies().isEmpty()) {
            List<Object> deps = new ArrayList<>();
            List<Object> rawDeps = (List<Object>) meta.get("dependencies");
            for (int i = 0; i < rawDeps.size(); i++) {
                Map<String, Object> d = (Map<String, Object>) rawDeps.get(i);
                Map<String, Object> out = new LinkedHashMap<>();
                String location = "file://" + prefix + vendored.get(c.dependencies().get(i));
                for (Map.Entry<String, Object> e : d.entrySet()) {
                    if (!e.getKey().equals("repository") && !e.getKey().equals("path")) {
                        out.put(e.getKey(), e.getValue());
                    }
                    if (e.getKey().equals("name")) {
                        out.put("repository", location);
                    }
                }
                out.putIfAbsent("repository", location);
                deps.add(out);
            }
            meta.put("dependencies", deps);
        }
        return new YamlWriter().write(meta).getBytes(StandardCharsets.UTF_8);
    }

    /** Adds the files of chart {@code c} under {@code at}, with {@code chartYaml} as its Chart.yaml. */
    private static void add(SortedMap<String, byte[]> files, Map<String, Path> sources, String at, Chart c,
            byte[] chartYaml, Function<Path, String> shown) {
        Path dir = c.dir();
        files.put(at + "/Chart.yaml", chartYaml);
        sources.put(at + "/Chart.yaml", dir.resolve("Chart.yaml"));
        ChartFolder folder = ChartFolder.of(c, shown);
        for (Path f : folder.files(dir, p -> left(dir, p))) {
            String rel = dir.relativize(f).toString().replace('\\', '/');
            files.put(at + "/" + rel, read(f, shown));
            sources.put(at + "/" + rel, f);
        }
    }

    /**
     * Whether {@code p}, below the chart folder {@code dir}, stays out of the archive: hidden files and folders,
     * the chart's own Chart.yaml (written apart) and charts/ (vendored copies replace it), a stray top-level
     * 'charts' file, folders that hold another chart, and osk's output folders.
     */
    private static boolean left(Path dir, Path p) {
        String name = p.getFileName().toString();
        if (name.startsWith(".")) {
            return true;
        }
        if (p.getParent().equals(dir) && (name.equals("charts") || name.equals("Chart.yaml"))) {
            return true;
        }
        return Files.isDirectory(p) && (Files.exists(p.resolve("Chart.yaml"))
                || Files.exists(p.resolve(OutputFolder.MARKER)));
    }

    private static byte[] read(Path file, Function<Path, String> shown) {
        return TextInput.bytes(file, shown.apply(file), TextInput.MAX_CHART_FILE_BYTES, "a chart file");
    }

    /** The hex sha256 of a file, read as a stream (a file of any size). */
    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) >= 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
