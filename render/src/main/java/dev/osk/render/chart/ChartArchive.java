package dev.osk.render.chart;

import dev.osk.render.ExitCleanup;
import dev.osk.render.Location;
import dev.osk.render.OskException;
import dev.osk.render.manifest.OutputFolder;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.zip.ZipException;

/**
 * A chart archive ({@code NAME-VERSION.tgz}: a gzip-compressed tar holding one chart folder, its dependencies
 * vendored below it), read into memory and checked before anything touches the disk: every entry is a regular
 * file or a folder (no links of any kind, no devices), every path stays inside the one chart folder (no
 * {@code ..}, no absolute paths, no two entries that differ only in case), at most {@link #MAX_ENTRIES} entries
 * and {@link #MAX_UNPACKED} bytes unpacked. A bad archive is refused with one line and leaves nothing behind.
 */
public final class ChartArchive {
    /** The most entries an archive may hold. */
    public static final int MAX_ENTRIES = 10_000;
    /** The most bytes an archive may unpack to (the tar stream: contents, headers and padding). */
    public static final long MAX_UNPACKED = 64L << 20;

    private static final Pattern DRIVE = Pattern.compile("[A-Za-z]:.*");
    /**
     * The temporary folders archives are unpacked into, and other charts osk builds for a moment:
     * {@code osk-chart-PID-RANDOM}; what a killed run left is removed by the next unpack.
     */
    public static final String TEMP_PREFIX = "osk-chart-";
    private static final Pattern LEFTOVER = Pattern.compile(TEMP_PREFIX + "([0-9]{1,19})-[0-9]+");

    private final String source;
    private final String root;
    private final SortedMap<String, byte[]> files;

    private ChartArchive(String source, String root, SortedMap<String, byte[]> files) {
        this.source = source;
        this.root = root;
        this.files = Collections.unmodifiableSortedMap(files);
    }

    /** Reads the archive at {@code file}; {@code source} is how messages name it. */
    public static ChartArchive read(Path file, String source) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, source);
        } catch (IOException e) {
            throw new OskException(Location.of(source), "cannot read: " + e.getMessage());
        }
    }

    /** Reads an archive from its bytes. */
    public static ChartArchive read(byte[] archive, String source) {
        try {
            return read(new ByteArrayInputStream(archive), source);
        } catch (IOException e) {
            throw new OskException(Location.of(source), "cannot read: " + e.getMessage());
        }
    }

    private static ChartArchive read(InputStream raw, String source) throws IOException {
        InputStream in = new BufferedInputStream(raw);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 != 0x1f || b1 != 0x8b) {
            throw new OskException(Location.of(source), "not a chart archive (a gzip-compressed tar, .tgz)");
        }
        List<TarReader.Entry> entries;
        try (GzipDecoder gz = new GzipDecoder(in)) {
            entries = new TarReader(source, MAX_ENTRIES, MAX_UNPACKED).read(gz);
        } catch (ZipException | EOFException e) {
            throw new OskException(Location.of(source), "corrupt compressed data"
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
        return check(entries, source);
    }

    private static ChartArchive check(List<TarReader.Entry> entries, String source) {
        String root = null;
        SortedMap<String, byte[]> files = new TreeMap<>();
        Set<String> folders = new HashSet<>();
        Map<String, String> byLowerCase = new HashMap<>();
        for (TarReader.Entry e : entries) {
            String name = e.name();
            boolean folder = e.type() == '5';
            String path = folder && name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
            checkPath(name, path, source);
            checkType(e, source);
            String top = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
            if (root == null) {
                root = top;
            } else if (!root.equals(top)) {
                throw problem(source, "entries must all sit in one chart folder: '" + name + "' is outside '"
                        + root + "/'");
            }
            if (!path.contains("/") && !folder) {
                throw problem(source, "entry '" + name + "' is a file where the chart folder should be");
            }
            String lower = path.toLowerCase(Locale.ROOT);
            String before = byLowerCase.putIfAbsent(lower, path);
            if (before != null && !(folder && folders.contains(path))) {
                throw problem(source, before.equals(path) ? "entry '" + name + "' appears twice"
                        : "entries '" + before + "' and '" + path + "' differ only in case");
            }
            if (folder) {
                folders.add(path);
            } else {
                files.put(path, e.content());
            }
        }
        if (root == null) {
            throw problem(source, "empty archive");
        }
        Set<String> parents = new HashSet<>(folders);
        for (String f : files.keySet()) {
            for (int i = f.indexOf('/'); i >= 0; i = f.indexOf('/', i + 1)) {
                parents.add(f.substring(0, i));
            }
        }
        for (String f : files.keySet()) {
            if (parents.contains(f)) {
                throw problem(source, "entry '" + f + "' is both a file and a folder");
            }
        }
        if (!files.containsKey(root + "/Chart.yaml")) {
            throw problem(source, "not a chart archive: no " + root + "/Chart.yaml");
        }
        return new ChartArchive(source, root, files);
    }

    private static void checkPath(String name, String path, String source) {
        if (path.startsWith("/") || DRIVE.matcher(path).matches()) {
            throw problem(source, "entry '" + name + "' is an absolute path, outside the chart folder");
        }
        String[] parts = path.split("/", -1);
        for (String part : parts) {
            if (part.equals("..")) {
                throw problem(source, "entry '" + name + "' leaves the chart folder ('..')");
            }
        }
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".")) {
                throw problem(source, "entry '" + name + "' is not a plain relative path");
            }
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                throw problem(source, "entry '" + name.replaceAll("\\p{Cntrl}", "?")
                        + "' holds a control character or backslash");
            }
        }
    }

    private static void checkType(TarReader.Entry e, String source) {
        if (e.isFile() || e.type() == '5') {
            return;
        }
        String what = switch (e.type()) {
            case '1' -> "a hard link (to '" + e.linkName() + "')";
            case '2' -> "a symbolic link (to '" + e.linkName() + "')";
            case '3' -> "a character device";
            case '4' -> "a block device";
            case '6' -> "a FIFO";
            case 'x', 'g' -> "a pax extended header";
            case 'L', 'K' -> "a GNU long-name record";
            default -> "of unknown type '" + e.type() + "'";
        };
        throw problem(source, "entry '" + e.name() + "' is " + what
                + "; chart archives hold only plain files and folders");
    }

    private static OskException problem(String source, String detail) {
        return new OskException(Location.of(source), detail);
    }

    /** How messages name this archive. */
    public String source() {
        return source;
    }

    /** The chart folder at the top of the archive (the chart's name in archives osk writes). */
    public String root() {
        return root;
    }

    /** Every file, by its path in the archive ({@code ROOT/templates/x.yaml}), sorted. */
    public SortedMap<String, byte[]> files() {
        return files;
    }

    /**
     * Unpacks the archive into a new private temporary folder, removed again by {@link Unpacked#close()}. Nothing
     * outside that folder is written; if unpacking fails, the folder is removed before the error is thrown.
     */
    public Unpacked unpack() {
        sweepStale();
        // The exit hook and this thread take turns under one lock: once the hook has run, this thread writes
        // nothing more (a file written after the hook's delete, or a parent folder made again, would stay behind).
        Object turn = new Object();
        boolean[] stopped = {false};
        Path[] made = {null};
        ExitCleanup.Registration cleanup = ExitCleanup.register(() -> {
            synchronized (turn) {
                stopped[0] = true;
                try {
                    if (made[0] != null) {
                        OutputFolder.delete(made[0]);
                    }
                } catch (IOException e) {
                    // best effort while the process stops
                }
            }
        });
        Path base = null;
        try {
            synchronized (turn) {
                if (stopped[0]) {
                    throw new IOException("stopped");
                }
                base = Files.createTempDirectory(TEMP_PREFIX + ExitCleanup.pid() + "-").toRealPath();
                made[0] = base;
            }
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                Path file = base.resolve(e.getKey()).normalize();
                if (!file.startsWith(base)) {
                    throw new IOException("entry '" + e.getKey() + "' leaves the folder");
                }
                synchronized (turn) {
                    if (stopped[0]) {
                        throw new IOException("stopped");
                    }
                    Files.createDirectories(file.getParent());
                    Files.write(file, e.getValue(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                }
            }
            Unpacked u = new Unpacked(base, base.resolve(root), source, cleanup);
            base = null;
            cleanup = null;
            return u;
        } catch (IOException e) {
            throw new OskException(Location.of(source), "cannot unpack: " + e.getMessage());
        } finally {
            if (base != null) {
                try {
                    OutputFolder.delete(base);
                } catch (IOException ignored) {
                    // the error being thrown is the one to report
                }
            }
            if (cleanup != null) {
                cleanup.close();
            }
        }
    }

    /**
     * Removes the unpacked copies that runs killed outright (SIGKILL) left in the temporary folder: folders
     * named {@code osk-chart-PID-...} whose process is gone.
     */
    private static void sweepStale() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> stale = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> s = Files.list(tmp)) {
            s.filter(p -> ExitCleanup.isStale(p.getFileName().toString(), LEFTOVER)
                    && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).forEach(stale::add);
        } catch (IOException e) {
            return;
        }
        for (Path p : stale) {
            try {
                OutputFolder.delete(p);
            } catch (IOException e) {
                // not ours to remove after all (another user's), or another run removed it first
            }
        }
    }

    /** An archive unpacked into a temporary folder for the length of a render. */
    public static final class Unpacked implements AutoCloseable {
        private final Path base;
        private final Path chartDir;
        private final String source;

        private final ExitCleanup.Registration cleanup;

        private Unpacked(Path base, Path chartDir, String source, ExitCleanup.Registration cleanup) {
            this.base = base;
            this.chartDir = chartDir;
            this.source = source;
            this.cleanup = cleanup;
        }

        /** The chart folder. */
        public Path chartDir() {
            return chartDir;
        }

        /** The entry path ({@code ROOT/templates/x.yaml}) of a file unpacked here, or null for other paths. */
        public String entryOf(Path p) {
            Path abs = p.toAbsolutePath().normalize();
            if (!abs.startsWith(base) || abs.equals(base)) {
                return null;
            }
            return base.relativize(abs).toString().replace('\\', '/');
        }

        /**
         * How messages name files: unpacked files as {@code ARCHIVE/ROOT/templates/x.yaml}, other files as
         * {@code outside} names them.
         */
        public Function<Path, String> display(Function<Path, String> outside) {
            return p -> {
                String entry = entryOf(p);
                return entry == null ? outside.apply(p) : source + "/" + entry;
            };
        }

        /** Removes the temporary folder. */
        @Override
        public void close() {
            try {
                OutputFolder.delete(base);
                cleanup.close();
            } catch (IOException e) {
                throw new OskException(Location.of(source), "cannot remove the unpacked copy " + base + ": "
                        + e.getMessage());
            }
        }
    }
}
