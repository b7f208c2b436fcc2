package dev.osk.cli;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.NotificationEmitter;

/**
 * Keeps the resident osk's old generation near what its commands hold. The serial collector grows the old
 * generation instead of collecting it while it may: a render promotes objects that live for a few collections
 * of the young generation (a template's text, the objects being parsed when one happens) and the old generation
 * would grow by all of them, several times what the render holds, until the command ends. So after each
 * collection of the young generation, an old generation used beyond its limit is collected whole, and the limit
 * becomes twice what is left ({@link #FLOOR} at least): a render holding much pays a few collections, each
 * doubling the limit, and the resident osk's peak memory follows what its commands hold.
 */
final class TenuredLimit {
    /** The least limit: below it the old generation is never collected early. */
    static final long FLOOR = 32L << 20;

    private final MemoryPoolMXBean tenured;
    private final AtomicBoolean collecting = new AtomicBoolean();
    private volatile long limit = FLOOR;

    private TenuredLimit(MemoryPoolMXBean tenured) {
        this.tenured = tenured;
    }

    /** Watches the collections of this JVM; null when its collector has no old generation to watch. */
    static TenuredLimit install() {
        MemoryPoolMXBean tenured = null;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getName().equals("Tenured Gen")) {
                tenured = p;
            }
        }
        if (tenured == null) {
            return null; // not the serial collector
        }
        TenuredLimit watch = new TenuredLimit(tenured);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, handback) -> watch.afterCollection(), null, null);
            }
        }
        return watch;
    }

    /** After any collection (notifications come on a thread of their own, after the collection ended). */
    private void afterCollection() {
        long used = tenured.getUsage().getUsed();
        if (used <= limit || !collecting.compareAndSet(false, true)) {
            return;
        }
        try {
            System.gc();
            limit = Math.max(FLOOR, 2 * tenured.getUsage().getUsed());
        } finally {
            collecting.set(false);
        }
    }

    /** After a command: the next one starts from the least limit again. */
    void reset() {
        limit = FLOOR;
    }
}
