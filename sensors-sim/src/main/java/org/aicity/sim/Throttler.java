package org.aicity.sim;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Paces publishing against a monotonic clock: each message waits until its due offset from the
 * start. A publisher that falls behind catches up without waiting (event times stay on schedule).
 * Waits end early when the run is stopped.
 */
final class Throttler {

    /**
     * Waits shorter than this are skipped, so a message goes out at most this much before its due
     * time, and at high rates a wait covers several messages: every wait parks the thread and wakes
     * it by a timer, system calls that cost more than the messages they pace on a machine where
     * kernel entries are dear (at 2,000 messages/s a wait of 200 µs or more came before every one).
     */
    static final long MIN_WAIT_NANOS = 2_000_000;

    private final LongSupplier nanoTime;
    private final CountDownLatch stop;
    private final long startNanos;

    Throttler(LongSupplier nanoTime, CountDownLatch stop) {
        this.nanoTime = nanoTime;
        this.stop = stop;
        this.startNanos = nanoTime.getAsLong();
    }

    /** Waits until {@code offsetNanos} after the start; false when the run was stopped instead. */
    boolean awaitOffset(long offsetNanos) throws InterruptedException {
        long wait = startNanos + offsetNanos - nanoTime.getAsLong();
        if (wait < MIN_WAIT_NANOS) {
            return stop.getCount() > 0;
        }
        return !stop.await(wait, TimeUnit.NANOSECONDS);
    }

    long elapsedNanos() {
        return nanoTime.getAsLong() - startNanos;
    }
}
