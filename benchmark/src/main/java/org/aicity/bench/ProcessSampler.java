package org.aicity.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of one named group of processes (a process and its descendants,
 * e.g. PostgreSQL's postmaster and its backends), sampled over a measurement window.
 * RSS is read from /proc (Linux); a summed RSS counts shared pages once per process.
 *
 * <p>A pipeline step's window ends at its last {@link #mark()}: the last poll that saw rows being
 * inserted, not when the benchmark has finished waiting for stillness and counting what is stored.
 * Until the fifteenth session it ended after that wait (3 s of stillness) and the exact distinct
 * count, so every process's CPU share was diluted by several idle seconds and PostgreSQL's included
 * the count: the shares of a 210,000/s step summed to 1.42 cores while {@code /proc} showed the
 * processes using 1.9 of the 2 cores as they worked.
 */
final class ProcessSampler {

    private final String name;
    private final Supplier<List<ProcessHandle>> roots;
    private final boolean withDescendants;
    private Duration cpuAtStart = Duration.ZERO;
    private long startNanos;
    private long peakRssKb;
    private Duration cpuAtMark;
    private long markNanos;

    ProcessSampler(String name, Supplier<List<ProcessHandle>> roots) {
        this(name, roots, true);
    }

    /**
     * @param withDescendants false for a process whose children are measured as groups of their own
     *                        (the benchmark JVM starts Mosquitto, PostgreSQL and the platform)
     */
    ProcessSampler(String name, Supplier<List<ProcessHandle>> roots, boolean withDescendants) {
        this.name = name;
        this.roots = roots;
        this.withDescendants = withDescendants;
    }

    void begin() {
        cpuAtStart = cpu();
        startNanos = System.nanoTime();
        peakRssKb = rssKb();
        cpuAtMark = null;
    }

    /**
     * Remembers this moment as where the window ends if {@link #endAtMark()} closes it (CPU time
     * only: the peak RSS comes from {@link #sample()}, which the caller's poll takes anyway).
     */
    void mark() {
        cpuAtMark = cpu();
        markNanos = System.nanoTime();
    }

    void sample() {
        peakRssKb = Math.max(peakRssKb, rssKb());
    }

    /** The window from {@link #begin()} to now. */
    ProcessFigures end() {
        sample();
        return figures(cpu(), System.nanoTime());
    }

    /** The window from {@link #begin()} to the last {@link #mark()}, or to now if there was none. */
    ProcessFigures endAtMark() {
        return cpuAtMark == null ? end() : figures(cpuAtMark, markNanos);
    }

    private ProcessFigures figures(Duration cpuAtEnd, long endNanos) {
        double wall = (endNanos - startNanos) / 1e9;
        double cpuSeconds = cpuAtEnd.minus(cpuAtStart).toNanos() / 1e9;
        return new ProcessFigures(name, wall > 0 ? 100.0 * cpuSeconds / wall : 0, peakRssKb / 1024.0, cpuSeconds, wall);
    }

    private Stream<ProcessHandle> members() {
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle r : roots.get()) {
            all.add(r);
            if (withDescendants) {
                r.descendants().forEach(all::add);
            }
        }
        return all.stream().filter(ProcessHandle::isAlive);
    }

    private Duration cpu() {
        return members().map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO)).reduce(Duration.ZERO, Duration::plus);
    }

    private long rssKb() {
        return members().mapToLong(p -> rssKb(p.pid())).sum();
    }

    static long rssKb(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/" + pid + "/status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                .findFirst().orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended between listing and reading
        }
    }

    /** Children of this JVM whose command line contains {@code word}, e.g. "mosquitto" or "postgres". */
    static Supplier<List<ProcessHandle>> childrenNamed(String word) {
        return () -> ProcessHandle.current().children()
            .filter(p -> p.info().commandLine().orElse(p.info().command().orElse("")).contains(word))
            .toList();
    }

    /**
     * Processes anywhere on the machine whose command line contains {@code marker}, without their
     * matching descendants (those are counted through their root). Embedded PostgreSQL's postmaster
     * is started through pg_ctl and reparented, so it is no child of this JVM.
     */
    static Supplier<List<ProcessHandle>> rootsMatching(String marker) {
        return () -> {
            List<ProcessHandle> matching = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(marker)).toList();
            return matching.stream()
                .filter(p -> p.parent().map(parent -> !matching.contains(parent)).orElse(true))
                .toList();
        };
    }

    /**
     * @param cpuPercent CPU time over wall time, in percent of one core (200 = both cores of this machine)
     * @param peakRssMb  highest summed RSS seen
     * @param cpuSeconds CPU time used in the window, all threads and (if counted) descendants
     * @param wallSeconds the window's length
     */
    record ProcessFigures(String process, double cpuPercent, double peakRssMb, double cpuSeconds, double wallSeconds) {
    }
}
