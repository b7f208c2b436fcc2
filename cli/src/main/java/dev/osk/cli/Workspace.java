package dev.osk.cli;

import java.nio.file.Path;

/** The working directory and the osk installation folder, read once from the process environment. */
final class Workspace {
    private Workspace() {
    }

    private static final ThreadLocal<Path> CWD = new ThreadLocal<>();

    /** Runs {@code body} as if the working directory were {@code dir} (for embedding and tests). */
    static <T> T in(Path dir, java.util.function.Supplier<T> body) {
        Path before = CWD.get();
        CWD.set(dir.toAbsolutePath().normalize());
        try {
            return body.get();
        } finally {
            CWD.set(before);
        }
    }

    static Path cwd() {
        Path p = CWD.get();
        return p != null ? p : Path.of("").toAbsolutePath();
    }

    /** Where the shipped charts and values live: {@code -Dosk.home} (set by the launcher) or the working directory. */
    static Path home() {
        String h = System.getProperty("osk.home");
        return h == null || h.isEmpty() ? cwd() : Path.of(h).toAbsolutePath();
    }

    /** A path as messages show it: relative to the working directory when below it. */
    static String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path cwd = cwd();
        if (abs.startsWith(cwd) && !abs.equals(cwd)) {
            return cwd.relativize(abs).toString();
        }
        return abs.toString();
    }
}
