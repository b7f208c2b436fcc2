package dev.osk.render.graph;

import dev.osk.render.ControlCharacters;
import dev.osk.render.OskException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Draws DOT text with Graphviz's {@code dot} program ({@code dot -Tsvg}, {@code dot -Tpng}): the text goes to its
 * standard input and the picture comes from its standard output, so no file is written. A {@code dot} that fails
 * is an error with the first line it wrote on stderr; one that runs longer than the timeout is stopped.
 */
public final class Graphviz {
    private final Path dot;
    private final Duration timeout;

    /** @param dot the {@code dot} executable */
    public Graphviz(Path dot, Duration timeout) {
        this.dot = dot;
        this.timeout = timeout;
    }

    /** The picture of {@code dotText} in {@code format} ({@link GraphFormat#SVG} or {@link GraphFormat#PNG}). */
    public byte[] draw(String dotText, GraphFormat format) {
        String what = "graph -o " + format.id();
        Process p;
        try {
            p = new ProcessBuilder(List.of(dot.toString(), "-T" + format.id())).start();
        } catch (IOException e) {
            throw new OskException("osk: " + what + ": cannot run " + dot + ": " + e.getMessage());
        }
        // both streams are read while dot runs, so that neither pipe fills up and stalls it
        Drain out = new Drain(p.getInputStream());
        Drain err = new Drain(p.getErrorStream());
        try {
            try (OutputStream in = p.getOutputStream()) {
                in.write(dotText.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // dot stopped reading: its exit code and stderr say why
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new OskException("osk: " + what + ": " + dot + " did not finish within "
                        + timeout.toSeconds() + " s; stopped");
            }
            byte[] picture = out.bytes();
            if (p.exitValue() != 0) {
                String first = new String(err.bytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                        .findFirst().orElse("no message").strip();
                throw new OskException("osk: " + what + ": " + dot + " failed (exit " + p.exitValue() + "): "
                        + ControlCharacters.escape(first));
            }
            return picture;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OskException("osk: " + what + ": interrupted while " + dot + " ran");
        } finally {
            p.destroyForcibly();
        }
    }

    /** Reads a stream to its end on a thread of its own. */
    private static final class Drain {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private final Thread thread;
        private IOException failure;

        Drain(InputStream in) {
            thread = new Thread(() -> {
                try (in) {
                    in.transferTo(buf);
                } catch (IOException e) {
                    failure = e;
                }
            }, "graphviz-output");
            thread.setDaemon(true);
            thread.start();
        }

        /** Everything the stream held, once it has ended. */
        byte[] bytes() throws InterruptedException {
            thread.join();
            if (failure != null) {
                throw new UncheckedIOException(failure);
            }
            return buf.toByteArray();
        }
    }
}
