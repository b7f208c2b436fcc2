package dev.osk.render.manifest;

import dev.osk.render.InvalidRequestException;
import dev.osk.render.Location;
import dev.osk.render.OskException;
import dev.osk.render.TextInput;
import dev.osk.render.yaml.YamlDocument;
import dev.osk.render.yaml.YamlReader;
import dev.osk.render.yaml.YamlSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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

    /**
     * Every manifest under {@code path} (a file or a folder). In a folder, hidden files and folders (a name that
     * starts with '.': {@code .git}, the {@code .DIR.new-PID} folder an interrupted {@code --output-dir} left) are
     * skipped; a FIFO or device with a manifest file name is an error.
     */
    public List<Manifest> read(Path path) {
        TextInput.Type type = TextInput.type(path);
        if (type == TextInput.Type.FOLDER) {
            return readFiles(manifestFiles(path));
        }
        if (type == TextInput.Type.MISSING) {
            throw new InvalidRequestException("no such file or folder: " + display.apply(path));
        }
        if (type != TextInput.Type.FILE) {
            throw new OskException(Location.of(display.apply(path)), "is " + type.text
                    + ", not a manifest file or folder; osk reads only regular files");
        }
        return readFile(path);
    }

    private List<Path> manifestFiles(Path root) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
                        @Override
                        public java.nio.file.FileVisitResult preVisitDirectory(Path dir,
                                java.nio.file.attribute.BasicFileAttributes attrs) {
                            return !dir.equals(root) && hidden(dir) ? java.nio.file.FileVisitResult.SKIP_SUBTREE
                                    : java.nio.file.FileVisitResult.CONTINUE;
                        }

                        @Override
                        public java.nio.file.FileVisitResult visitFile(Path file,
                                java.nio.file.attribute.BasicFileAttributes attrs) {
                            if (!isManifestFile(file)) {
                                return java.nio.file.FileVisitResult.CONTINUE;
                            }
                            // a link to a file reads as the file; links to folders and dangling links hold nothing
                            TextInput.Type t = attrs.isRegularFile() ? TextInput.Type.FILE : TextInput.type(file);
                            if (t == TextInput.Type.FILE) {
                                files.add(file);
                            } else if (t != TextInput.Type.FOLDER && t != TextInput.Type.MISSING) {
                                throw new OskException(Location.of(display.apply(file)), "is " + t.text
                                        + ", not a manifest file; osk reads only regular files");
                            }
                            return java.nio.file.FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new InvalidRequestException("cannot list " + display.apply(root) + ": " + TextInput.reason(e));
        }
        files.sort(null);
        return files;
    }

    private static boolean hidden(Path p) {
        return p.getFileName() != null && p.getFileName().toString().startsWith(".");
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
        String shown = display.apply(f);
        return parse(TextInput.read(f, shown, TextInput.MAX_YAML_BYTES, "a manifest file"), shown);
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
            index = add((Map<String, Object>) v, "", doc, source, index, out);
        }
        return out;
    }

    /**
     * Adds an object, or, for a {@code kind: ...List} with {@code items}, its items (nested lists included, as
     * kubectl flattens them); returns the next index.
     */
    @SuppressWarnings("unchecked")
    private static int add(Map<String, Object> obj, String pointer, YamlDocument doc, String source, int index,
            List<Manifest> out) {
        if (!(obj.get("kind") instanceof String k && k.endsWith("List") && obj.get("items") instanceof List<?> items)) {
            out.add(new Manifest(source, index, obj, doc, null, pointer));
            return index + 1;
        }
        for (int i = 0; i < items.size(); i++) {
            String at = pointer + "/items/" + i;
            if (!(items.get(i) instanceof Map<?, ?> item)) {
                throw new OskException(doc.locate(at), "item " + i + " of the List is not an object");
            }
            index = add((Map<String, Object>) item, at, doc, source, index, out);
        }
        return index;
    }
}
