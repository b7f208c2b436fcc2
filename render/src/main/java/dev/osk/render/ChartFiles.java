package dev.osk.render;

import dev.osk.render.chart.ChartFolder;
import dev.osk.render.chart.ChartArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The files at the top of one chart, a chart folder or a chart archive, exactly as they are written: what
 * {@code osk show} prints ({@code Chart.yaml}, {@code values.yaml}, {@code README.md}). Only the files asked for
 * are read, and the chart is not loaded: a folder's files are read through {@link ChartFolder} (a link that leaves
 * the folder is an error), an archive is read and checked whole in memory by {@link ChartArchive} and never
 * unpacked.
 */
public final class ChartFiles {
    private final Path given;
    private final ChartFolder folder;
    private final ChartArchive archive;
    private final Function<Path, String> display;

    private ChartFiles(Path given, ChartFolder folder, ChartArchive archive, Function<Path, String> display) {
        this.given = given;
        this.folder = folder;
        this.archive = archive;
        this.display = display;
    }

    /**
     * The chart at {@code chart}: a folder with a {@code Chart.yaml}, or a chart archive (any regular file). A
     * path that is neither is an invalid request.
     */
    public static ChartFiles open(Path chart, Function<Path, String> display) {
        if (Files.isRegularFile(chart)) {
            return new ChartFiles(chart, null, ChartArchive.read(chart, display.apply(chart)), display);
        }
        Path real;
        try {
            real = Files.isDirectory(chart) ? chart.toRealPath() : null;
        } catch (IOException e) {
            real = null;
        }
        if (real == null || !Files.isRegularFile(real.resolve("Chart.yaml"))) {
            throw new InvalidRequestException("'" + display.apply(chart) + "' is not a chart (no Chart.yaml)");
        }
        return new ChartFiles(chart, ChartFolder.at(real, display), null, display);
    }

    /**
     * The text of the file {@code name} at the top of the chart, or null when the chart has none. It must be UTF-8
     * text within {@link TextInput#MAX_CHART_FILE_BYTES}.
     */
    public String text(String name) {
        if (archive != null) {
            byte[] bytes = archive.files().get(archive.root() + "/" + name);
            return bytes == null ? null : TextInput.decode(bytes, shown(name));
        }
        Path file = folder.root().resolve(name);
        if (!folder.exists(file)) {
            return null;
        }
        return TextInput.read(file, shown(name), TextInput.MAX_CHART_FILE_BYTES, "a chart file");
    }

    /** How messages name the file {@code name} of the chart: {@code ARCHIVE/ROOT/NAME} for an archive. */
    public String shown(String name) {
        return archive != null ? archive.source() + "/" + archive.root() + "/" + name
                : display.apply(given.resolve(name));
    }
}
