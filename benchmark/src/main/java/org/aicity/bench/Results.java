package org.aicity.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one benchmark run measured; written as JSON, summarised as Markdown.
 *
 * @param complete false while the run goes on: the files are written after every step, so that a
 *                 run that stops part-way (a crash, Ctrl-C, a timeout) keeps the steps it measured
 */
record Results(Map<String, Object> machine, Map<String, Object> settings, List<Ceiling> brokerOnly,
               List<PipelineStep> pipeline, List<Ratio> ratios, boolean complete) {

    /** The broker-only ceiling for one message shape. */
    record Ceiling(int batchSize, int connections, double seconds, long readingsAcknowledged, long messagesReceived,
                   double readingsPerSecond, double messagesPerSecond, List<ProcessSampler.ProcessFigures> processes) {
    }

    /**
     * One pipeline measurement.
     *
     * @param offeredRate      readings/s the simulator was paced at; 0 = as fast as it can publish
     * @param sustainedRate    stored readings per second from the first publish to the last row stored
     * @param drainSeconds     from the end of publishing to the last row stored: about 0 when the pipeline kept up
     * @param storedLatencyMs  publish (the reading's timestamp) to its row's ingest time, p50/p95/p99; paced steps only
     * @param visibleLatencyMs publish to the newest reading being served by the API, polled every 100 ms; paced steps only
     * @param hostProbeMs      {@link HostSpeedProbe}'s times before, during and after the step; null if not measured
     * @param postgres         PostgreSQL's background work in the step ({@link PostgresActivity}); null if not measured
     */
    record PipelineStep(int batchSize, double offeredRate, double publishSeconds, long readingsAcknowledged,
                        long readingsStored, long loss, double sustainedRate, double drainSeconds,
                        Percentiles storedLatencyMs, Percentiles visibleLatencyMs,
                        List<ProcessSampler.ProcessFigures> processes, HostProbe hostProbeMs, PostgresWork postgres) {

        /** A step without PostgreSQL's background work measured. */
        PipelineStep(int batchSize, double offeredRate, double publishSeconds, long readingsAcknowledged,
                     long readingsStored, long loss, double sustainedRate, double drainSeconds,
                     Percentiles storedLatencyMs, Percentiles visibleLatencyMs,
                     List<ProcessSampler.ProcessFigures> processes, HostProbe hostProbeMs) {
            this(batchSize, offeredRate, publishSeconds, readingsAcknowledged, readingsStored, loss, sustainedRate,
                drainSeconds, storedLatencyMs, visibleLatencyMs, processes, hostProbeMs, null);
        }

        /**
         * CPU time of all the measured processes per stored reading, in microseconds: their CPU
         * seconds in the step's window (from the first publish to the last poll that saw rows
         * inserted), summed, over the readings stored. 0 when nothing was stored.
         */
        @JsonProperty("cpuMicrosPerReading")
        double cpuMicrosPerReading() {
            if (readingsStored <= 0) {
                return 0;
            }
            return processes.stream().mapToDouble(ProcessSampler.ProcessFigures::cpuSeconds).sum() / readingsStored * 1e6;
        }

        /**
         * Readings acknowledged by the broker per second of publishing: what the simulator really
         * offered. Below {@link #offeredRate} when the simulator or the broker fell behind the pace,
         * and a little below it anyway, as the simulator sends whole rounds of its sensors.
         */
        @JsonProperty("publishedRate")
        double publishedRate() {
            return publishSeconds > 0 ? readingsAcknowledged / publishSeconds : 0;
        }
    }

    /**
     * PostgreSQL's background work in a step, from {@link PostgresActivity}: counters are differences
     * between the start and the end of the step (null where the server does not keep the counter or
     * it could not be read), per reading where it says so.
     *
     * @param checkpoints                 checkpoints completed or requested (timed and requested)
     * @param walBytesPerReading          WAL written, all of it, over the readings stored
     * @param fullPageImagesPerThousand   full-page images in the WAL per 1,000 readings stored
     * @param walFilesZeroFilled          new WAL segment files filled with zeros before use (PostgreSQL
     *                                    18 on; none with {@code wal_init_zero} off): a fresh server creates
     *                                    them until its checkpoints let it recycle old ones
     * @param autovacuumSeconds           seconds autovacuum was seen running, summed over its workers
     * @param autovacuumSecondsByTask     the same by task, as {@code pg_stat_activity} names it
     *                                    ("VACUUM ANALYZE public.reading")
     */
    record PostgresWork(Long checkpoints, Double walBytesPerReading, Double fullPageImagesPerThousand, Long walFilesZeroFilled,
                        double autovacuumSeconds, Map<String, Double> autovacuumSecondsByTask) {

        static PostgresWork of(PostgresActivity.Counters start, PostgresActivity.Counters end, long readingsStored,
                               Map<String, Double> autovacuum) {
            PostgresActivity.Counters from = start == null ? PostgresActivity.Counters.NONE : start;
            PostgresActivity.Counters to = end == null ? PostgresActivity.Counters.NONE : end;
            Long checkpoints = delta(from.checkpoints(), to.checkpoints());
            Long walBytes = delta(from.walBytes(), to.walBytes());
            Long fpi = delta(from.walFullPageImages(), to.walFullPageImages());
            Long files = delta(from.walFilesZeroFilled(), to.walFilesZeroFilled());
            return new PostgresWork(checkpoints,
                walBytes == null || readingsStored <= 0 ? null : (double) walBytes / readingsStored,
                fpi == null || readingsStored <= 0 ? null : fpi * 1000.0 / readingsStored,
                files, autovacuum.values().stream().mapToDouble(Double::doubleValue).sum(),
                Collections.unmodifiableMap(new LinkedHashMap<>(autovacuum)));
        }

        private static Long delta(Long from, Long to) {
            return from == null || to == null ? null : to - from;
        }
    }

    /**
     * {@link HostSpeedProbe}'s times in milliseconds: {@code beforeMs} and {@code afterMs} the median
     * of 5 runs just before and after the step, {@code duringMs} the median of the samples taken
     * every 2 s while the simulator published (NaN if the step was too short for one).
     */
    record HostProbe(double beforeMs, double duringMs, double afterMs) {
    }

    record Percentiles(long samples, double p50, double p95, double p99) {
        static final Percentiles NONE = new Percentiles(0, Double.NaN, Double.NaN, Double.NaN);

        static Percentiles of(List<Double> values) {
            if (values.isEmpty()) {
                return NONE;
            }
            double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new Percentiles(v.length, at(v, 0.50), at(v, 0.95), at(v, 0.99));
        }

        private static double at(double[] sorted, double q) {
            int i = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }
    }

    /**
     * The pipeline steps measured more than once ({@code --repeat}), one summary per message shape and
     * offered rate, in the order first measured: on a guest whose host runs it faster or slower from one
     * minute to the next, how often a rate was kept up with says more than any single step.
     */
    @JsonProperty("repeated")
    List<Repeated> repeated() {
        Map<List<Double>, List<PipelineStep>> groups = new LinkedHashMap<>();
        for (PipelineStep s : pipeline) {
            groups.computeIfAbsent(List.of((double) s.batchSize(), s.offeredRate()), k -> new ArrayList<>()).add(s);
        }
        return groups.values().stream().filter(g -> g.size() > 1).map(Repeated::of).toList();
    }

    /**
     * A step measured {@code runs} times.
     *
     * @param keptUp        how many of the runs kept up ({@link #keptUp(PipelineStep)})
     * @param minStoredPerSecond    the lowest of the runs' sustained stored rates
     * @param medianStoredPerSecond their median
     * @param maxStoredPerSecond    their highest
     * @param cpuMicrosPerReading the median of the runs' CPU per stored reading
     * @param hostProbeDuringMs the median of the runs' host probe during the step (NaN if none measured)
     */
    record Repeated(int batchSize, double offeredRate, int runs, int keptUp, double minStoredPerSecond,
                    double medianStoredPerSecond, double maxStoredPerSecond, double cpuMicrosPerReading,
                    double hostProbeDuringMs) {

        static Repeated of(List<PipelineStep> steps) {
            PipelineStep first = steps.get(0);
            double[] stored = steps.stream().mapToDouble(PipelineStep::sustainedRate).sorted().toArray();
            return new Repeated(first.batchSize(), first.offeredRate(), steps.size(),
                (int) steps.stream().filter(Repeated::keptUp).count(), stored[0], HostSpeedProbe.median(stored),
                stored[stored.length - 1],
                HostSpeedProbe.median(steps.stream().mapToDouble(PipelineStep::cpuMicrosPerReading).toArray()),
                HostSpeedProbe.median(steps.stream().filter(s -> s.hostProbeMs() != null && !Double.isNaN(s.hostProbeMs().duringMs()))
                    .mapToDouble(s -> s.hostProbeMs().duringMs()).toArray()));
        }

        /**
         * Kept up: nothing lost, and what was left to store when publishing ended took at most 5 % of
         * the publishing time (2 s of a 40-s step), i.e. the stored rate stayed within about 5 % of the
         * published one. A paced step that falls behind is usually seconds behind by its end.
         */
        static boolean keptUp(PipelineStep s) {
            return s.loss() == 0 && s.readingsStored() > 0 && s.drainSeconds() <= 0.05 * s.publishSeconds();
        }
    }

    /** Pipeline sustained rate over the broker-only ceiling, for one message shape. */
    record Ratio(int batchSize, double brokerOnlyReadingsPerSecond, double pipelineReadingsPerSecond, double ratio) {
    }
}
