package dev.osk.render;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Maps a list on all cores, in order: the results are the sequential ones, and a failure is the one a sequential
 * loop would have met first. Small lists (under {@code minItems}) and one-core machines run on the calling thread.
 * The function must not depend on thread-local state (the working directory of an embedded run, for example).
 */
public final class Parallel {
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    /** As deep as the launcher's main thread (-Xss4m): YAML and templates nest up to their limits on any thread. */
    private static final long STACK_BYTES = 4L << 20;
    private static volatile ExecutorService pool;

    private Parallel() {
    }

    private static ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (Parallel.class) {
                p = pool;
                if (p == null) {
                    p = Executors.newFixedThreadPool(CORES, r -> {
                        Thread t = new Thread(null, r, "osk-worker", STACK_BYTES);
                        t.setDaemon(true);
                        return t;
                    });
                    pool = p;
                }
            }
        }
        return p;
    }

    private record Failure(Throwable cause) {
    }

    /** Whether more than one core works: otherwise {@link #submit} runs the task at once, on this thread. */
    public static boolean available() {
        return CORES > 1;
    }

    /** Runs {@code task} on another core (or now, on this thread, when there is only one). */
    public static <R> Future<R> submit(java.util.concurrent.Callable<R> task) {
        if (CORES <= 1) {
            java.util.concurrent.FutureTask<R> now = new java.util.concurrent.FutureTask<>(task);
            now.run();
            return now;
        }
        return pool().submit(task);
    }

    /** The result of {@code f}, with what the task threw thrown as it was. */
    public static <R> R join(Future<R> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@code f} applied to each item, in order. */
    public static <T, R> List<R> map(List<T> items, int minItems, Function<? super T, ? extends R> f) {
        int n = items.size();
        if (CORES <= 1 || n < Math.max(2, minItems)) {
            List<R> out = new ArrayList<>(n);
            for (T item : items) {
                out.add(f.apply(item));
            }
            return out;
        }
        int chunks = Math.min(n, CORES * 4);
        List<Future<List<Object>>> parts = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            parts.add(pool().submit(() -> {
                List<Object> out = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    try {
                        out.add(f.apply(items.get(i)));
                    } catch (RuntimeException | Error e) {
                        // what follows in this chunk comes after the failure: a sequential loop never ran it
                        out.add(new Failure(e));
                        break;
                    }
                }
                return out;
            }));
        }
        List<R> out = new ArrayList<>(n);
        boolean interrupted = false;
        try {
            for (Future<List<Object>> part : parts) {
                List<Object> results;
                while (true) {
                    try {
                        results = part.get();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        throw new IllegalStateException(e.getCause());
                    }
                }
                for (Object r : results) {
                    if (r instanceof Failure failure) {
                        for (Future<List<Object>> rest : parts) {
                            rest.cancel(false);
                        }
                        if (failure.cause() instanceof RuntimeException re) {
                            throw re;
                        }
                        throw (Error) failure.cause();
                    }
                    @SuppressWarnings("unchecked")
                    R value = (R) r;
                    out.add(value);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return out;
    }
}
