package dev.osk.render.manifest;

import dev.osk.render.InvalidRequestException;
import dev.osk.render.Location;
import dev.osk.render.OskException;
import dev.osk.render.yaml.YamlDocument;
import dev.osk.render.yaml.YamlReader;
import dev.osk.render.yaml.YamlSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads manifests from files, folders (recursively: *.yaml, *.yml, *.json, in path order) or text: every
 * document of every file, and the items of {@code kind: List} documents, each with its file and line.
 */
public final class ManifestReader {
    private final Function<Path, String> display;
    private final YamlReader yaml = new YamlReader(YamlSchema.KUBE);

    public ManifestReader(Function<Path, String> display) {
        this.display = display;
    }

    /** Every manifest under {@code path} (a file or a folder). */
    public List<Manifest> read(Path path) {
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(path)) {
                files = s.filter(Files::isRegularFile).filter(ManifestReader::isManifestFile).sorted().toList();
            } catch (IOException e) {
                throw new InvalidRequestException("cannot list " + display.apply(path) + ": " + e.getMessage());
            }
            return readFiles(files);
        }
        if (!Files.isRegularFile(path)) {
            throw new InvalidRequestException("no such file or folder: " + display.apply(path));
        }
        return readFile(path);
    }

    /** Reads files concurrently (parsing dominates large sets); the result keeps file order. */
    private List<Manifest> readFiles(List<Path> files) {
        int threads = Math.min(Runtime.getRuntime().availableProcessors(), files.size());
        if (threads <= 1) {
            List<Manifest> out = new ArrayList<>();
            for (Path f : files) {
                out.addAll(readFile(f));
            }
            return out;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "osk-read");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<List<Manifest>>> parts = new ArrayList<>();
            for (Path f : files) {
                parts.add(pool.submit(() -> readFile(f)));
            }
            List<Manifest> out = new ArrayList<>();
            for (java.util.concurrent.Future<List<Manifest>> part : parts) {
                try {
                    out.addAll(part.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean isManifestFile(Path p) {
        String n = p.getFileName().toString();
        return !n.startsWith(".") && (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json"));
    }

    private List<Manifest> readFile(Path f) {
        try {
            return parse(Files.readString(f, StandardCharsets.UTF_8), display.apply(f));
        } catch (IOException e) {
            throw new InvalidRequestException("cannot read " + display.apply(f) + ": " + e.getMessage());
        }
    }

    /** The manifests in {@code text}, named {@code source} in findings. */
    @SuppressWarnings("unchecked")
    public List<Manifest> parse(String text, String source) {
        List<Manifest> out = new ArrayList<>();
        int index = 0;
        for (YamlDocument doc : yaml.readAllLazily(text, source)) {
            Object v = doc.value();
            if (v == null) {
                continue;
            }
            if (!(v instanceof Map<?, ?>)) {
                throw new OskException(doc.locate(""), "document is not a mapping (a Kubernetes object)");
            }
            Map<String, Object> obj = (Map<String, Object>) v;
            if (obj.get("kind") instanceof String k && k.endsWith("List") && obj.get("items") instanceof List<?> items) {
                for (int i = 0; i < items.size(); i++) {
                    if (!(items.get(i) instanceof Map<?, ?> item)) {
                        Location at = doc.locate("/items/" + i);
                        throw new OskException(at, "item " + i + " of the List is not an object");
                    }
                    out.add(new Manifest(source, index++, (Map<String, Object>) item, doc, null, "/items/" + i));
                }
            } else {
                out.add(new Manifest(source, index++, obj, doc, null));
            }
        }
        return out;
    }
}
