package org.aicity.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fixed piece of CPU and memory work, timed in CPU time on one thread: how fast the machine runs
 * right now. The benchmark times it just before and just after each pipeline step (median of
 * {@value #RUNS} runs), and during the step an eighth of it every 2 s on a thread of its own (about
 * 0.5 % of a core with the untimed run that warms the caches first), scaled to the whole; the
 * median of those samples stands for the step. It reports the three times beside the step's
 * figures. CPU time, not wall time: during a step the sampling thread waits for a core behind the
 * pipeline's own threads, which is not the host's doing (wall-clock samples came out 6 to 15 times
 * the idle figure in every step, fast or slow).
 *
 * <p>Why: on a shared virtual machine the host's speed changes from minute to minute, and the
 * figures with it. In the fourteenth session (AMD EPYC guest with page-table isolation) the same
 * 40-s step at 210,000 readings/s stored 121,572 to 205,552 readings/s within an hour, and the CPU
 * every process spent per reading moved by the same factor, the load generator's too, whose work
 * per reading does not depend on the pipeline at all (1.1 against 3.0 µs). A slow step with a slow
 * probe is the host; a slow step with a fast probe is the pipeline.
 *
 * <p>The work: {@value #STEPS} dependent multiply-adds that each also read and write one of
 * {@value #WORDS} longs (4 MB, past the cores' own caches) at a pseudo-random place, so that it
 * meets both a slower core and a slower memory path.
 */
final class HostSpeedProbe {

    static final int WORDS = 1 << 19;
    static final int STEPS = 2_000_000;
    static final int RUNS = 5;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long[] data = new long[WORDS];
    /** The works' results, kept so that the compiler must compute them. */
    private long sink;

    /** Runs the work once untimed, so that the timed runs measure compiled code. */
    HostSpeedProbe warmedUp() {
        for (int i = 0; i < 3; i++) {
            sink += work(i, STEPS);
        }
        return this;
    }

    /** The median CPU time of {@value #RUNS} runs of the work, in milliseconds. */
    double medianMillis() {
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = cpuNanos();
            sink += work(i, STEPS);
            ms[i] = (cpuNanos() - t0) / 1e6;
        }
        return median(ms);
    }

    /**
     * One run of an eighth of the work, in milliseconds of CPU time scaled to the whole work; an
     * untimed run first brings the array back into the caches that the step's processes took.
     */
    double sampleMillis() {
        sink += work(sink, STEPS / 8);
        long t0 = cpuNanos();
        sink += work(t0, STEPS / 8);
        return (cpuNanos() - t0) / 1e6 * 8;
    }

    /**
     * This thread's CPU time: the time it waited for a core behind the step's own processes does
     * not count, the time the host made the guest's core slower does (the guest cannot tell it
     * from running).
     */
    private static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /**
     * Samples {@link #sampleMillis()} every {@code everyMillis} on a daemon thread until
     * {@link Sampling#stop()}; meanwhile this probe must not be used otherwise.
     */
    Sampling sampleEvery(long everyMillis) {
        Sampling s = new Sampling(everyMillis);
        s.thread.start();
        return s;
    }

    /** Samples taken during a step. */
    final class Sampling {
        private final List<Double> samples = new ArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        private Sampling(long everyMillis) {
            thread = new Thread(() -> {
                while (running) {
                    try {
                        Thread.sleep(everyMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (running) {
                        double ms = sampleMillis();
                        synchronized (samples) {
                            samples.add(ms);
                        }
                    }
                }
            }, "host-probe");
            thread.setDaemon(true);
        }

        /** Stops sampling; the median of the samples in milliseconds, NaN if none was taken. */
        double stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join();
            synchronized (samples) {
                return median(samples.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }

        int samples() {
            synchronized (samples) {
                return samples.size();
            }
        }
    }

    /** The median of the values, in any order (left as they are); NaN for none. Also the repeated steps' summary's. */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The work itself, {@code steps} of it; its result depends on every step, so the compiler cannot drop any. */
    long work(long seed, int steps) {
        long[] d = data;
        int mask = d.length - 1;
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < steps; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            int at = (int) (x >>> 40) & mask;
            d[at] += x;
            x ^= d[(at + 1) & mask];
        }
        return x;
    }
}
