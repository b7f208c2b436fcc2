package dev.osk.render.release;

import dev.osk.render.OskException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * A packaged chart: its name and version, the archive's file name ({@code NAME-VERSION.tgz}), bytes and hex
 * sha256, and, when packed from a folder, the source file of each archive entry (for messages).
 */
public record PackagedChart(String name, String version, String fileName, byte[] bytes, String sha256,
        Map<String, Path> sources) {

    /** The digest file's text, as {@code sha256sum} writes and checks it: {@code HEX  NAME-VERSION.tgz}. */
    public String digestLine() {
        return sha256 + "  " + fileName + "\n";
    }

    /**
     * Writes the archive and {@code NAME-VERSION.tgz.sha256} into {@code dir} (created if needed), each written
     * aside and moved into place, so a reader never sees half an archive. Returns the archive's path.
     */
    public Path writeTo(Path dir) {
        Path archive = dir.resolve(fileName);
        try {
            Files.createDirectories(dir);
            replace(archive, bytes);
            replace(dir.resolve(fileName + ".sha256"), digestLine().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new OskException("cannot write " + archive + ": " + e.getMessage());
        }
        return archive;
    }

    private static void replace(Path target, byte[] content) throws IOException {
        if (Files.isDirectory(target)) {
            throw new IOException("a folder of that name exists");
        }
        // a name of our own rather than createTempFile, whose owner-only mode would stay on the archive
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".new");
        try {
            Files.write(tmp, content);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
