package dev.osk.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Finds a program as a shell does: the first executable file of that name in the folders of a PATH value. */
final class ProgramPath {
    private ProgramPath() {
    }

    /** The program {@code name} in {@code path} (folders separated by ':'), or null; empty entries are skipped. */
    static Path find(String name, String path) {
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            try {
                Path p = Path.of(dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p;
                }
            } catch (InvalidPathException e) {
                // not a folder any file system holds: nothing is found there
            }
        }
        return null;
    }
}
