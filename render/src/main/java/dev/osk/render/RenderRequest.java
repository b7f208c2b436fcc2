package dev.osk.render;

import dev.osk.render.values.ValueSource;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * What to render: a chart folder, the user's value layers in command-line order, render options, the folder
 * relative paths are resolved against, and how paths are shown in messages.
 */
public record RenderRequest(Path chart, List<ValueSource> values, RenderOptions options, Path baseDir,
        Function<Path, String> display) {
}
