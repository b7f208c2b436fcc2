package dev.osk.cli;

import java.nio.file.Path;

/** The working directory and the osk installation folder, read once from the process environment. */
final class Workspace {
    private Workspace() {
    }

    private static final ThreadLocal<Path> CWD = new ThreadLocal<>();
    private static final ThreadLocal<java.io.InputStream> STDIN = new ThreadLocal<>();
    private static final ThreadLocal<java.util.Map<String, String>> ENV = new ThreadLocal<>();

    /** An environment variable (or what a test put in the environment's place); null when unset. */
    static String env(String name) {
        java.util.Map<String, String> env = ENV.get();
        return env != null ? env.get(name) : System.getenv(name);
    }

    /** Runs {@code body} with {@code env} as the whole environment (for embedding and tests). */
    static <T> T withEnv(java.util.Map<String, String> env, java.util.function.Supplier<T> body) {
        java.util.Map<String, String> before = ENV.get();
        ENV.set(java.util.Map.copyOf(env));
        try {
            return body.get();
        } finally {
            ENV.set(before);
        }
    }

    /** Standard input (or what a test put in its place). */
    static java.io.InputStream stdin() {
        java.io.InputStream in = STDIN.get();
        return in != null ? in : System.in;
    }

    /** Runs {@code body} with {@code in} as standard input. */
    static <T> T withStdin(java.io.InputStream in, java.util.function.Supplier<T> body) {
        java.io.InputStream before = STDIN.get();
        STDIN.set(in);
        try {
            return body.get();
        } finally {
            STDIN.set(before);
        }
    }

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
        return display(p, cwd());
    }

    /**
     * {@link #display(Path)} against the working directory of the calling thread, for code that may call it on
     * other threads (the render and the manifest reader use all cores; a resident osk runs several commands, each
     * with its own working directory).
     */
    static java.util.function.Function<Path, String> display() {
        Path cwd = cwd();
        return p -> display(p, cwd);
    }

    private static String display(Path p, Path cwd) {
        Path abs = (p.isAbsolute() ? p : cwd.resolve(p)).normalize();
        if (abs.startsWith(cwd) && !abs.equals(cwd)) {
            return cwd.relativize(abs).toString();
        }
        return abs.toString();
    }
}
