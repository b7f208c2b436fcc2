package dev.osk.render.release;

import dev.osk.render.ExitCleanup;
import dev.osk.render.Location;
import dev.osk.render.OskException;
import dev.osk.render.chart.ChartArchive;
import dev.osk.render.chart.ChartLoader;
import dev.osk.render.manifest.OutputFolder;
import dev.osk.render.yaml.YamlWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A new chart folder that renders on its own wherever it is moved: the top files the caller gives
 * ({@code Chart.yaml}, {@code values.yaml}, ...) and a copy of every chart it depends on, at any depth, under
 * {@code charts/NAME}, vendored exactly as {@code osk package} vendors them into an archive ({@link ChartPackager}:
 * the copies' {@code Chart.yaml} files point at each other as {@code file://../NAME}). The caller's
 * {@code Chart.yaml} refers to each dependency as {@code file://charts/NAME}.
 *
 * <p>The folder is written whole ({@link OutputFolder}): aside, beside the target, then renamed into place, so a
 * failure or a signal leaves nothing half-written. Something already at the target is never replaced.
 */
public final class VendoredChart {
    private final Function<Path, String> display;

    /** @param display how a path is shown in messages */
    public VendoredChart(Function<Path, String> display) {
        this.display = display;
    }

    /**
     * Writes the chart {@code name} to {@code target}, a path that must not exist yet (its parent must).
     *
     * @param topFiles the chart's own files by path ({@code Chart.yaml}, {@code values.yaml}, ...)
     * @param dependencies the chart folders to copy in, each with what it depends on
     */
    public void write(Path target, String name, SortedMap<String, byte[]> topFiles, List<Path> dependencies) {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new OskException(Location.of(display.apply(target)), "already exists; a new chart is never"
                    + " written over it (choose another name or folder, or remove it first)");
        }
        SortedMap<String, byte[]> files = new TreeMap<>(vendored(name, dependencies));
        files.putAll(topFiles);
        OutputFolder.replace(target, files, "the chart folder");
    }

    /**
     * The files of {@code charts/} for a chart that depends on {@code dependencies}: a chart that names them (by
     * their absolute paths) is written to a temporary folder for a moment and packed, and the archive's vendored
     * charts are kept.
     */
    private SortedMap<String, byte[]> vendored(String name, List<Path> dependencies) {
        List<Object> deps = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path dep : dependencies) {
            String depName = new ChartLoader(display).load(dep).name();
            names.add(depName);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", depName);
            d.put("repository", "file://" + dep.toAbsolutePath().normalize());
            deps.add(d);
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("name", name);
        chart.put("version", "0.1.0");
        chart.put("dependencies", deps);
        PackagedChart packed;
        Path[] staging = {null};
        try (ExitCleanup.Registration cleanup = ExitCleanup.register(() -> remove(staging[0]))) {
            staging[0] = Files.createTempDirectory(ChartArchive.TEMP_PREFIX + ExitCleanup.pid() + "-").toRealPath();
            byte[] chartYaml = new YamlWriter().write(chart).getBytes(StandardCharsets.UTF_8);
            Files.write(staging[0].resolve("Chart.yaml"), chartYaml);
            packed = new ChartPackager(display).pack(staging[0], null, null, ChartPackager.DEFAULT_EPOCH);
        } catch (IOException e) {
            throw new OskException("cannot prepare the chart's dependencies in the temporary folder: "
                    + e.getMessage());
        } finally {
            remove(staging[0]);
        }
        SortedMap<String, byte[]> out = new TreeMap<>();
        String prefix = name + "/charts/";
        for (Map.Entry<String, byte[]> e : ChartArchive.read(packed.bytes(), packed.fileName()).files().entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                out.put(e.getKey().substring(name.length() + 1), e.getValue());
            }
        }
        for (String n : names) {
            if (!out.containsKey("charts/" + n + "/Chart.yaml")) {
                // two dependencies of one name: the packager told them apart, and file://charts/NAME would be wrong
                throw new IllegalStateException("dependency '" + n + "' was not vendored as charts/" + n);
            }
        }
        return out;
    }

    private static void remove(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            OutputFolder.delete(dir);
        } catch (IOException e) {
            // best effort: a leftover osk-chart-PID-... folder is removed by the next archive unpack
        }
    }
}
