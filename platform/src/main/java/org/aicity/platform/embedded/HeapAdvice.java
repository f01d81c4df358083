package org.aicity.platform.embedded;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether this JVM's heap can hold the embedded stream job's state for the cities it runs, said at
 * startup instead of as an OutOfMemoryError minutes later. The estimate is what the 10,000-sensor
 * embedded run measured (README, "The embedded run with 10,000 sensors"): about 45 KB of live heap
 * per sensor at 1 reading/s (forecast models of its metrics, dedup and 1-minute windows, keys)
 * plus about 100 MB for the rest of the platform, and the old generation needs room above that for
 * what a checkpoint holds.
 */
final class HeapAdvice {

    static final long BASE_BYTES = 100L << 20;
    static final long PER_SENSOR_BYTES = 45L << 10;
    /** Room above the live heap: the copies a checkpoint keeps, and the young generation. */
    static final double HEADROOM = 1.2;

    private HeapAdvice() {
    }

    /** The live heap the job's state and the platform need for {@code sensors}, in bytes. */
    static long liveHeapBytes(int sensors) {
        return BASE_BYTES + sensors * PER_SENSOR_BYTES;
    }

    /** A warning when {@code maxHeapBytes} (the JVM's -Xmx) is too small for {@code sensors}; empty when it is enough. */
    static Optional<String> advice(int sensors, long maxHeapBytes) {
        long live = liveHeapBytes(sensors);
        long wanted = (long) (live * HEADROOM);
        if (maxHeapBytes >= wanted) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT,
            "The embedded stream job will run %,d sensors: their state and the platform need about %d MB of live heap, "
                + "but this JVM may use at most %d MB, so expect long GC pauses and then an OutOfMemoryError. Start it "
                + "with -Xmx%dm or more (for 10,000 sensors in under 1 GiB of RSS: MALLOC_ARENA_MAX=2 "
                + "AICITY_JOB_CHECKPOINT_INTERVAL=PT1M java -XX:+UseSerialGC -Xmx680m -Xmn64m, see the README), "
                + "or simulate fewer sensors (AICITY_SIMULATOR_SENSORS).",
            sensors, live >> 20, maxHeapBytes >> 20, (wanted >> 20) + 1));
    }
}
