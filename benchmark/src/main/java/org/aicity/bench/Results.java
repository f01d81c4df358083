package org.aicity.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

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
     */
    record PipelineStep(int batchSize, double offeredRate, double publishSeconds, long readingsAcknowledged,
                        long readingsStored, long loss, double sustainedRate, double drainSeconds,
                        Percentiles storedLatencyMs, Percentiles visibleLatencyMs,
                        List<ProcessSampler.ProcessFigures> processes, HostProbe hostProbeMs) {

        /**
         * CPU time of all the measured processes per stored reading, in microseconds: each
         * process's CPU share times the time from the first publish to the last row stored,
         * summed, over the readings stored. 0 when nothing was stored.
         */
        @JsonProperty("cpuMicrosPerReading")
        double cpuMicrosPerReading() {
            if (readingsStored <= 0) {
                return 0;
            }
            double cores = processes.stream().mapToDouble(p -> p.cpuPercent() / 100).sum();
            return cores * (publishSeconds + drainSeconds) / readingsStored * 1e6;
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

    /** Pipeline sustained rate over the broker-only ceiling, for one message shape. */
    record Ratio(int batchSize, double brokerOnlyReadingsPerSecond, double pipelineReadingsPerSecond, double ratio) {
    }
}
