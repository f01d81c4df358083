package org.aicity.bench;

import java.util.Arrays;

/**
 * A fixed piece of CPU and memory work, timed on one thread: how fast the machine runs right now.
 * The benchmark runs it just before and just after each pipeline step, while nothing else of the
 * benchmark is busy, and reports the times beside the step's figures.
 *
 * <p>Why: on a shared virtual machine the host's speed changes from minute to minute, and the
 * figures with it. In the fourteenth session (AMD EPYC guest with page-table isolation) the same
 * 40-s step at 210,000 readings/s stored 121,572 to 200,436 readings/s within twenty minutes, and
 * the CPU every process spent per reading moved by the same factor, the load generator's too,
 * whose work per reading does not depend on the pipeline at all (1.1 against 3.0 µs). A slow step
 * with a slow probe next to it is the host; a slow step with a fast probe is the pipeline.
 *
 * <p>The work: {@value #STEPS} dependent multiply-adds that each also read and write one of
 * {@value #WORDS} longs (4 MB, past the cores' own caches) at a pseudo-random place, so that it
 * meets both a slower core and a slower memory path. It is timed {@value #RUNS} times; the median
 * is reported, which one preemption does not move.
 */
final class HostSpeedProbe {

    static final int WORDS = 1 << 19;
    static final int STEPS = 2_000_000;
    static final int RUNS = 5;

    private final long[] data = new long[WORDS];
    /** The works' results, kept so that the compiler must compute them. */
    private long sink;

    /** Runs the work once untimed, so that the timed runs measure compiled code. */
    HostSpeedProbe warmedUp() {
        for (int i = 0; i < 3; i++) {
            sink += work(i);
        }
        return this;
    }

    /** The median time of {@value #RUNS} runs of the work, in milliseconds. */
    double medianMillis() {
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            sink += work(i);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[RUNS / 2];
    }

    /** The work itself; its result depends on every step, so the compiler cannot drop any. */
    long work(long seed) {
        long[] d = data;
        int mask = d.length - 1;
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < STEPS; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            int at = (int) (x >>> 40) & mask;
            d[at] += x;
            x ^= d[(at + 1) & mask];
        }
        return x;
    }
}
