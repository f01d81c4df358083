package org.aicity.sim;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * Counts latencies in buckets about 4% wide from 1 µs to about 2 minutes, lock-free, so Paho's
 * callback threads can record without contention; percentiles are read from the buckets (to
 * within a bucket's width).
 */
final class LatencyHistogram {

    private static final double GROWTH = 1.04;
    private static final long MIN_NANOS = 1_000;
    private static final int BUCKETS = 480;
    private static final double LOG_GROWTH = Math.log(GROWTH);

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final LongAccumulator max = new LongAccumulator(Math::max, 0);

    void record(long nanos) {
        counts.incrementAndGet(bucket(nanos));
        max.accumulate(nanos);
    }

    private static int bucket(long nanos) {
        if (nanos <= MIN_NANOS) {
            return 0;
        }
        int b = (int) (Math.log((double) nanos / MIN_NANOS) / LOG_GROWTH) + 1;
        return Math.min(BUCKETS - 1, b);
    }

    /** The upper bound of a bucket. */
    private static long upper(int bucket) {
        return Math.round(MIN_NANOS * Math.pow(GROWTH, bucket));
    }

    SimulatorStats.Latency snapshot() {
        long[] c = new long[BUCKETS];
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            c[i] = counts.get(i);
            total += c[i];
        }
        if (total == 0) {
            return SimulatorStats.Latency.NONE;
        }
        long maxNanos = max.get();
        return new SimulatorStats.Latency(total, percentile(c, total, 0.50, maxNanos), percentile(c, total, 0.90, maxNanos),
            percentile(c, total, 0.99, maxNanos), Duration.ofNanos(maxNanos));
    }

    private static Duration percentile(long[] c, long total, double q, long maxNanos) {
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < c.length; i++) {
            seen += c[i];
            if (seen >= rank) {
                return Duration.ofNanos(Math.min(upper(i), maxNanos));
            }
        }
        return Duration.ofNanos(maxNanos);
    }
}
