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
 */
final class ProcessSampler {

    private final String name;
    private final Supplier<List<ProcessHandle>> roots;
    private final boolean withDescendants;
    private Duration cpuAtStart = Duration.ZERO;
    private long startNanos;
    private long peakRssKb;

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
    }

    void sample() {
        peakRssKb = Math.max(peakRssKb, rssKb());
    }

    ProcessFigures end() {
        sample();
        double wall = (System.nanoTime() - startNanos) / 1e9;
        double cpuSeconds = (cpu().minus(cpuAtStart)).toNanos() / 1e9;
        return new ProcessFigures(name, wall > 0 ? 100.0 * cpuSeconds / wall : 0, peakRssKb / 1024.0);
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
     */
    record ProcessFigures(String process, double cpuPercent, double peakRssMb) {
    }
}
