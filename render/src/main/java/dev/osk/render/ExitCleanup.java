package dev.osk.render;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What osk must undo when it is stopped (SIGTERM, SIGINT, SIGHUP) while it has work in flight: a half-written
 * folder beside an output folder, an unpacked archive in the temporary folder. Each piece of work registers its
 * cleanup for as long as it runs; one shutdown hook runs whatever is registered when the JVM exits. A process that
 * is killed outright (SIGKILL) runs nothing: such leftovers carry the process id in their name, and
 * {@link #isStale} tells a later run that their owner is gone, so it can remove them.
 */
public final class ExitCleanup {
    private static final Set<Registration> PENDING = new LinkedHashSet<>();
    private static boolean hooked;

    private ExitCleanup() {
    }

    /** Registered cleanup; {@link #close()} when the work is done (or has cleaned up itself). */
    public static final class Registration implements AutoCloseable {
        private final Runnable action;

        private Registration(Runnable action) {
            this.action = action;
        }

        @Override
        public void close() {
            synchronized (PENDING) {
                PENDING.remove(this);
            }
        }
    }

    /** Runs {@code action} if the JVM exits before the returned registration is closed. */
    public static Registration register(Runnable action) {
        Registration r = new Registration(action);
        synchronized (PENDING) {
            if (!hooked) {
                try {
                    Runtime.getRuntime().addShutdownHook(new Thread(ExitCleanup::runAll, "osk-exit-cleanup"));
                    hooked = true;
                } catch (IllegalStateException e) {
                    // already shutting down: the caller's own cleanup is all there is
                }
            }
            PENDING.add(r);
        }
        return r;
    }

    private static void runAll() {
        List<Registration> todo;
        synchronized (PENDING) {
            todo = new ArrayList<>(PENDING);
            PENDING.clear();
        }
        for (int i = todo.size() - 1; i >= 0; i--) {
            try {
                todo.get(i).action.run();
            } catch (RuntimeException e) {
                // best effort while the JVM exits
            }
        }
    }

    /** The process id in this process's leftover names. */
    public static long pid() {
        return ProcessHandle.current().pid();
    }

    /**
     * Whether {@code name} matches {@code pattern}, whose first group is a process id, and that process is not
     * running (so what it left is no longer in use).
     */
    public static boolean isStale(String name, Pattern pattern) {
        Matcher m = pattern.matcher(name);
        if (!m.matches()) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return false;
        }
        return pid != pid() && ProcessHandle.of(pid).map(ph -> !ph.isAlive()).orElse(true);
    }
}
