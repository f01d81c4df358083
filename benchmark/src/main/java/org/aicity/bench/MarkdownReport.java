package org.aicity.bench;

import java.util.Locale;
import java.util.stream.Collectors;

/** The short Markdown summary of a run, for the README and the notes. */
final class MarkdownReport {

    private MarkdownReport() {
    }

    /** A figure the server may not have given: {@code missing} for null. */
    static String figure(Number value, String format, String missing) {
        return value == null ? missing : String.format(Locale.ROOT, format, value);
    }

    /** "0", or the seconds and what ran: "31 (VACUUM ANALYZE public.reading 31)". */
    static String autovacuum(Results.PostgresWork w) {
        if (w.autovacuumSecondsByTask().isEmpty()) {
            return "0";
        }
        return String.format(Locale.ROOT, "%.0f (%s)", w.autovacuumSeconds(), w.autovacuumSecondsByTask().entrySet().stream()
            .map(e -> String.format(Locale.ROOT, "%s %.0f", e.getKey(), e.getValue())).collect(Collectors.joining(", ")));
    }

    static String render(Results r) {
        StringBuilder b = new StringBuilder();
        if (!r.complete()) {
            b.append("**Partial**: the run had not finished when this was written (it is rewritten after every step: "
                + "if the run stopped, these are the steps it measured before it stopped).\n\n");
        }
        b.append("Machine: ").append(r.machine().get("cores")).append(" cores (").append(r.machine().get("cpu")).append("), ")
            .append(r.machine().get("memoryGiB")).append(" GiB, ").append(r.machine().get("java")).append("\n");
        b.append("Guest: ").append(MachineFacts.guestLine(r.machine())).append("\n");
        b.append("Settings: ").append(r.settings().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", "))).append("\n\n");
        if (!r.brokerOnly().isEmpty()) {
            b.append("Broker-only ceiling (simulator → Mosquitto → plain subscriber, QoS 1)\n\n");
            b.append("| readings/message | readings/s | messages/s | mosquitto CPU % |\n|---:|---:|---:|---:|\n");
            for (Results.Ceiling c : r.brokerOnly()) {
                b.append(String.format(Locale.ROOT, "| %d | %,.0f | %,.0f | %s |%n", c.batchSize(), c.readingsPerSecond(),
                    c.messagesPerSecond(), cpu(c.processes(), "mosquitto")));
            }
            b.append('\n');
        }
        b.append("Pipeline (simulator → Mosquitto → stream job → PostgreSQL → API, QoS 1, ack after checkpoint)\n\n");
        b.append("| readings/message | offered/s | published/s | stored/s sustained | left to drain s | loss "
            + "| publish→stored p50/p95/p99 ms | publish→API p50/p95/p99 ms "
            + "| platform CPU % / RSS MB | postgres CPU % / RSS MB | mosquitto CPU % / RSS MB | simulator CPU % / RSS MB "
            + "| CPU µs/reading | host probe ms before / during / after |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---|---|---|---|---|---|---:|---|\n");
        for (Results.PipelineStep s : r.pipeline()) {
            b.append(String.format(Locale.ROOT, "| %d | %s | %,.0f | %,.0f | %.1f | %d | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                s.batchSize(), s.offeredRate() > 0 ? String.format(Locale.ROOT, "%,.0f", s.offeredRate()) : "max",
                s.publishedRate(), s.sustainedRate(), s.drainSeconds(), s.loss(), pct(s.storedLatencyMs()),
                pct(s.visibleLatencyMs()),
                proc(s.processes(), "platform"), proc(s.processes(), "postgresql"), proc(s.processes(), "mosquitto"),
                proc(s.processes(), "benchmark"),
                s.readingsStored() > 0 && !s.processes().isEmpty() ? String.format(Locale.ROOT, "%.2f", s.cpuMicrosPerReading()) : "–",
                s.hostProbeMs() == null ? "–"
                    : String.format(Locale.ROOT, "%.1f / %s / %.1f", s.hostProbeMs().beforeMs(),
                        Double.isNaN(s.hostProbeMs().duringMs()) ? "–" : String.format(Locale.ROOT, "%.1f", s.hostProbeMs().duringMs()),
                        s.hostProbeMs().afterMs())));
        }
        if (r.pipeline().stream().anyMatch(s -> s.hostProbeMs() != null)) {
            b.append("\nCPU µs/reading: the processes' CPU time per stored reading, summed (their idle work too, so it is large at low rates). Host probe: a fixed piece of CPU and "
                + "memory work, timed just before and after the step (median of 5) and every 2 s during it (median); a slower probe "
                + "means a slower host, and the step's figures fall with it.\n");
        }
        if (r.pipeline().stream().anyMatch(s -> s.postgres() != null)) {
            b.append("\nPostgreSQL's background work in each step (autovacuum: seconds seen running, sampled every second; "
                + "new WAL files: segment files filled with zeros as they were created, which a fresh server does until it can recycle old ones)\n\n");
            b.append("| readings/message | offered/s | stored/s sustained | checkpoints | autovacuum s | new WAL files "
                + "| WAL bytes/reading | full-page images per 1,000 readings |\n|---:|---:|---:|---:|---|---:|---:|---:|\n");
            for (Results.PipelineStep s : r.pipeline()) {
                Results.PostgresWork w = s.postgres();
                if (w == null) {
                    continue;
                }
                b.append(String.format(Locale.ROOT, "| %d | %s | %,.0f | %s | %s | %s | %s | %s |%n", s.batchSize(),
                    s.offeredRate() > 0 ? String.format(Locale.ROOT, "%,.0f", s.offeredRate()) : "max", s.sustainedRate(),
                    figure(w.checkpoints(), "%d", "–"), autovacuum(w), figure(w.walFilesZeroFilled(), "%d", "–"),
                    figure(w.walBytesPerReading(), "%.0f", "–"), figure(w.fullPageImagesPerThousand(), "%.1f", "–")));
            }
        }
        if (!r.repeated().isEmpty()) {
            b.append("\nRepeated steps (kept up: nothing lost, and at most 5 % of the publishing time left to drain)\n\n");
            b.append("| readings/message | offered/s | runs | kept up | stored/s lowest / median / highest | CPU µs/reading median "
                + "| host probe during ms median |\n|---:|---:|---:|---:|---|---:|---:|\n");
            for (Results.Repeated x : r.repeated()) {
                b.append(String.format(Locale.ROOT, "| %d | %s | %d | %d | %,.0f / %,.0f / %,.0f | %s | %s |%n", x.batchSize(),
                    x.offeredRate() > 0 ? String.format(Locale.ROOT, "%,.0f", x.offeredRate()) : "max", x.runs(), x.keptUp(),
                    x.minStoredPerSecond(), x.medianStoredPerSecond(), x.maxStoredPerSecond(),
                    x.cpuMicrosPerReading() > 0 ? String.format(Locale.ROOT, "%.2f", x.cpuMicrosPerReading()) : "–",
                    Double.isNaN(x.hostProbeDuringMs()) ? "–" : String.format(Locale.ROOT, "%.1f", x.hostProbeDuringMs())));
            }
        }
        if (!r.ratios().isEmpty()) {
            b.append("\nPipeline / broker-only\n\n| readings/message | broker-only readings/s | pipeline readings/s | ratio |\n|---:|---:|---:|---:|\n");
            for (Results.Ratio x : r.ratios()) {
                b.append(String.format(Locale.ROOT, "| %d | %,.0f | %,.0f | %.2f |%n", x.batchSize(), x.brokerOnlyReadingsPerSecond(),
                    x.pipelineReadingsPerSecond(), x.ratio()));
            }
        }
        return b.toString();
    }

    private static String pct(Results.Percentiles p) {
        return p.samples() == 0 ? "–" : String.format(Locale.ROOT, "%.0f / %.0f / %.0f", p.p50(), p.p95(), p.p99());
    }

    private static String cpu(java.util.List<ProcessSampler.ProcessFigures> ps, String prefix) {
        return ps.stream().filter(p -> p.process().startsWith(prefix)).findFirst()
            .map(p -> String.format(Locale.ROOT, "%.0f", p.cpuPercent())).orElse("–");
    }

    private static String proc(java.util.List<ProcessSampler.ProcessFigures> ps, String prefix) {
        return ps.stream().filter(p -> p.process().startsWith(prefix)).findFirst()
            .map(p -> String.format(Locale.ROOT, "%.0f / %.0f", p.cpuPercent(), p.peakRssMb())).orElse("–");
    }
}
