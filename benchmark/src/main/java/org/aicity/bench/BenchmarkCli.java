package org.aicity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.aicity.model.CityDefinition;
import org.aicity.model.CityDefinitions;
import org.aicity.model.Topic;
import org.aicity.sim.Simulator;
import org.aicity.sim.SimulatorConfig;
import org.aicity.sim.SimulatorStats;
import org.aicity.testkit.TestBroker;
import org.aicity.testkit.TestDatabase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the whole benchmark in one go on this machine. It starts its own Mosquitto (the project's
 * config) and PostgreSQL, measures the broker-only ceiling, then starts the platform jar and
 * measures the pipeline at each offered rate, and writes result.json and result.md.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
    description = "Throughput, latency and memory of the AI City pipeline beside the broker's ceiling.%n"
        + "Build first: ./mvnw -q -DskipTests package")
public final class BenchmarkCli implements Callable<Integer> {

    @Option(names = "--rates", split = ",", defaultValue = "2000,5000,10000,20000,30000", converter = RateConverter.class,
        description = "offered rates (readings/s, single-reading messages) of the paced pipeline steps; default ${DEFAULT-VALUE}; "
            + "none to skip them")
    List<Double> rates;

    @Option(names = "--batch-rates", split = ",", defaultValue = "100:50000,100:100000",
        converter = BatchRateConverter.class,
        description = "paced pipeline steps of gateway batches, readingsPerMessage:readingsPerSecond,...; "
            + "default ${DEFAULT-VALUE}; none to skip them")
    List<BatchRate> batchRates;

    @Option(names = "--batch-sizes", split = ",", defaultValue = "1,10,100",
        description = "readings per message for the broker-only ceiling and the unpaced pipeline runs; default ${DEFAULT-VALUE}")
    List<Integer> batchSizes;

    @Option(names = "--step", defaultValue = "15s", description = "publishing time of each step, e.g. 15s; default ${DEFAULT-VALUE}")
    String step;

    @Option(names = "--repeat", defaultValue = "1",
        description = "measure every pipeline step this many times in a row; result.md then says how many of the runs "
            + "kept up, with the lowest, median and highest stored rate (on a guest whose host's speed swings, one step "
            + "says little); default ${DEFAULT-VALUE}")
    int repeat;

    @Option(names = "--connections", defaultValue = "2", description = "simulator MQTT connections; default ${DEFAULT-VALUE}")
    int connections;

    @Option(names = "--parallelism", defaultValue = "1", description = "stream job parallelism; default ${DEFAULT-VALUE}")
    int parallelism;

    @Option(names = "--checkpoint-interval", defaultValue = "PT1S",
        description = "stream job checkpoint interval (MQTT acks wait for it); default ${DEFAULT-VALUE}")
    String checkpointInterval;

    @Option(names = "--job-options", defaultValue = "MQTT_RECEIVE_MAXIMUM=65535",
        description = "more stream job options, KEY=VALUE,...; default ${DEFAULT-VALUE}")
    String jobOptions;

    @Option(names = "--platform-jar", defaultValue = "platform/target/platform.jar", description = "default ${DEFAULT-VALUE}")
    Path platformJar;

    @Option(names = "--platform-heap", defaultValue = "1g", description = "-Xmx of the platform process; default ${DEFAULT-VALUE}")
    String platformHeap;

    @Option(names = "--platform-heap-fixed", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "start the platform with -Xms as large as -Xmx and -XX:+AlwaysPreTouch, as a dedicated server runs: "
            + "its heap is committed and touched once instead of growing (on a guest whose host takes back free memory "
            + "every new page is dear); --no-platform-heap-fixed for -Xmx alone, as before the thirteenth session; "
            + "default ${DEFAULT-VALUE}")
    boolean platformHeapFixed;

    @Option(names = "--platform-java-options", defaultValue = "",
        description = "more JVM options for the platform process, space separated (e.g. -XX:StartFlightRecording=filename=p.jfr)")
    String platformJavaOptions;

    @Option(names = "--out", defaultValue = "benchmark/results", description = "results folder; default ${DEFAULT-VALUE}")
    Path out;

    // 300,000 was 2-3 s of publishing and storing at batches of 100, too short to measure a rate
    @Option(names = "--max-readings", defaultValue = "1500000",
        description = "cap on the readings of each unpaced pipeline run (besides --step), so that its backlog drains in "
            + "seconds; default ${DEFAULT-VALUE}")
    long maxReadings;

    @Option(names = "--skip-ceiling", description = "skip the broker-only measurements")
    boolean skipCeiling;

    @Option(names = "--postgres-config", defaultValue = "",
        description = "PostgreSQL settings for the run, name=value,... on the server's command line, over "
            + DURABLE_TEXT + " (what a production server does), e.g. shared_buffers=512MB,max_wal_size=4GB; "
            + "fsync=off,synchronous_commit=off measures a server that does not wait for its disk; "
            + MEASURING_TEXT + " always (the latency is measured to each row's commit)")
    String postgresConfig;

    /** A benchmark of a store that does not flush its disk would promise what production cannot keep. */
    static final String DURABLE_TEXT = "fsync=on,synchronous_commit=on";
    /**
     * The commit time of every transaction, so that a row's latency ends when it became visible: its
     * {@code ingested_at} is the time its transaction began (PostgreSQL's {@code now()}), and the
     * readings sink's transaction begins with a batch's first row, before the rest of the batch arrives.
     */
    static final String MEASURING_TEXT = "track_commit_timestamp=on";

    @Option(names = "--warm-up", defaultValue = "15s",
        description = "unmeasured pipeline step at 10,000 single readings/s before the measured ones, and another at "
            + "50,000 readings/s before the paced batch steps (in the first one's message size), so that the first "
            + "is not the platform's JIT compiler at work; 0s for none; default ${DEFAULT-VALUE}")
    String warmUp;

    private final CityDefinition city = CityDefinitions.builtIn("songdo");
    private long warmUpLoss;
    private final List<ProcessSampler> samplers = new ArrayList<>();
    /** Timed before, during and after every pipeline step; made and warmed up when a run starts. */
    private HostSpeedProbe probe;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchmarkCli()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Duration stepTime = parseDuration(step);
        if (repeat < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                "--repeat " + repeat + ": the number of times each pipeline step runs must be at least 1");
        }
        Path runDir = out.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(runDir);
        say("results go to " + runDir);
        // read once, at the start: its "started" is the run's start in every file written
        Map<String, Object> machine = MachineFacts.read(Path.of("/"));
        probe = new HostSpeedProbe().warmedUp();
        say(String.format(Locale.ROOT, "host speed probe (a fixed piece of work, timed before, during and after every pipeline step): %.1f ms now",
            probe.medianMillis()));
        List<Results.Ceiling> ceilings = new ArrayList<>();
        List<Results.PipelineStep> steps = new ArrayList<>();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("city", city.id() + " (" + city.sensors().size() + " sensors)");
        settings.put("stepSeconds", stepTime.toSeconds());
        if (repeat > 1) {
            settings.put("repeat", repeat);
        }
        settings.put("simulatorConnections", connections);
        settings.put("qos", 1);
        settings.put("jobParallelism", parallelism);
        settings.put("checkpointInterval", checkpointInterval);
        settings.put("jobOptions", jobOptions);
        settings.put("ackMode", "CHECKPOINT");
        List<String> heapOptions = PlatformProcess.heapOptions(platformHeap, platformHeapFixed);
        settings.put("platformHeap", String.join(" ", heapOptions));
        Map<String, String> pg = postgresSettings(DURABLE_TEXT);
        pg.putAll(postgresSettings(postgresConfig)); // a typo fails before anything starts
        pg.putAll(postgresSettings(MEASURING_TEXT));
        settings.put("postgresConfig", pg.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .collect(java.util.stream.Collectors.joining(",")));
        try (TestBroker broker = TestBroker.start(); TestDatabase db = TestDatabase.start(pg)) {
            report(db, pg);
            samplers.add(new ProcessSampler("mosquitto", ProcessSampler.childrenNamed("mosquitto")));
            samplers.add(new ProcessSampler("postgresql", ProcessSampler.rootsMatching("aicity-postgres-")));
            // its children (Mosquitto, PostgreSQL, the platform) are groups of their own
            samplers.add(new ProcessSampler("benchmark JVM (simulator, subscriber)", () -> List.of(ProcessHandle.current()), false));

            if (!skipCeiling) {
                // The simulator and the subscriber run in this JVM: without a warm-up the first ceiling
                // measured the JIT compiler (7,000 against 13,800 single readings/s on one run).
                say("warming up the simulator and the subscriber for 10 s (not measured)");
                ceiling(broker, batchSizes.get(0), Duration.ofSeconds(10));
                for (int batch : batchSizes) {
                    ceilings.add(ceiling(broker, batch, stepTime));
                    savePartial(runDir, machine, settings, ceilings, steps);
                }
            }

            Map<String, String> job = new LinkedHashMap<>();
            job.put("AICITY_JOB_PARALLELISM", Integer.toString(parallelism));
            job.put("AICITY_JOB_CHECKPOINT_INTERVAL", checkpointInterval);
            job.put("AICITY_JOB_OPTIONS", jobOptions);
            say("starting the platform (" + platformJar + ") with the stream job: " + job);
            try (PlatformProcess platform = PlatformProcess.start(platformJar, db.jdbcUrl(), db.username(), db.password(),
                broker.url(), job, runDir.resolve("platform-work"), heapOptions, platformJavaOptions)) {
                samplers.add(new ProcessSampler("platform JVM (API + Flink job)", () -> List.of(platform.handle())));
                String probeTopic = city.sensors().get(0).topic(city.id()).name();
                platform.awaitJobSubscribed(broker.url(), city.id(), probeTopic, Duration.ofSeconds(90));
                say("the stream job is consuming; measuring the pipeline");
                Duration warm = parseDuration(warmUp);
                if (!warm.isZero()) {
                    // The platform's JIT compiles its hot paths on the first readings: without this the first
                    // measured step was the compiler at work (25,000/s offered: p99 4.2 s, then 1.0 s at
                    // 30,000/s right after it, 2026-12-05). Its readings must all be stored like any step's.
                    say("warming the pipeline up (not measured):");
                    warmUpLoss = pipeline(platform, db, broker, 1, 10_000, warm).loss();
                }
                for (double rate : rates.stream().filter(r -> !r.isNaN()).toList()) {
                    for (int i = 0; i < repeat; i++) {
                        steps.add(pipeline(platform, db, broker, 1, rate, stepTime));
                        savePartial(runDir, machine, settings, ceilings, steps);
                    }
                }
                List<BatchRate> pacedBatches = batchRates.stream().filter(b -> !b.equals(NONE)).toList();
                if (!warm.isZero() && !pacedBatches.isEmpty()) {
                    // Batches take other paths through the decoder and the sink than single readings: the
                    // first paced batch step after the single ones was the compiler at work again
                    // (200,000/s offered: 142k stored with p99 16.9 s as the first, 189k with p99 2.5 s
                    // as the third of the same run, 2026-12-06).
                    say("warming the pipeline up for batches (not measured):");
                    warmUpLoss += pipeline(platform, db, broker, pacedBatches.get(0).readingsPerMessage(), 50_000, warm).loss();
                }
                for (BatchRate paced : pacedBatches) {
                    for (int i = 0; i < repeat; i++) {
                        steps.add(pipeline(platform, db, broker, paced.readingsPerMessage(), paced.readingsPerSecond(), stepTime));
                        savePartial(runDir, machine, settings, ceilings, steps);
                    }
                }
                for (int batch : batchSizes) {
                    for (int i = 0; i < repeat; i++) {
                        steps.add(pipeline(platform, db, broker, batch, 0, stepTime));
                        savePartial(runDir, machine, settings, ceilings, steps);
                    }
                }
            }
        }
        Results results = write(runDir, machine, settings, ceilings, steps, true);
        System.out.println();
        System.out.println(MarkdownReport.render(results));
        say("wrote " + runDir.resolve("result.json") + " and " + runDir.resolve("result.md"));
        if (LatencyPlot.write(results, runDir.resolve("latency.png"))) {
            say("wrote " + runDir.resolve("latency.png") + " (latency against offered rate)");
        }
        boolean lost = warmUpLoss != 0 || steps.stream().anyMatch(s -> s.loss() != 0);
        if (lost) {
            say("LOSS: at least one step stored fewer readings than the broker acknowledged");
        }
        return lost ? 1 : 0;
    }

    /** result.json and result.md of what was measured so far; {@code complete} once the run is over. */
    static Results write(Path runDir, Map<String, Object> machine, Map<String, Object> settings, List<Results.Ceiling> ceilings,
                         List<Results.PipelineStep> steps, boolean complete) throws IOException {
        List<Results.Ratio> ratios = new ArrayList<>();
        for (Results.Ceiling c : ceilings) {
            steps.stream().filter(s -> s.offeredRate() == 0 && s.batchSize() == c.batchSize()).findFirst().ifPresent(s ->
                ratios.add(new Results.Ratio(c.batchSize(), c.readingsPerSecond(), s.sustainedRate(),
                    c.readingsPerSecond() > 0 ? s.sustainedRate() / c.readingsPerSecond() : Double.NaN)));
        }
        Results results = new Results(machine, settings, List.copyOf(ceilings), List.copyOf(steps), ratios, complete);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(runDir.resolve("result.json").toFile(), results);
        Files.writeString(runDir.resolve("result.md"), MarkdownReport.render(results));
        return results;
    }

    /** {@link #write} after a step, so that a run that stops part-way keeps what it measured; a failure only warns. */
    private void savePartial(Path runDir, Map<String, Object> machine, Map<String, Object> settings, List<Results.Ceiling> ceilings,
                             List<Results.PipelineStep> steps) {
        try {
            write(runDir, machine, settings, ceilings, steps, false);
        } catch (IOException | RuntimeException e) {
            say("could not write the partial result to " + runDir + " (the run goes on): " + e);
        }
    }

    static Map<String, String> postgresSettings(String spec) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? "" : part.substring(0, eq).trim();
            if (eq < 0 || !name.matches("[a-z_]+") || part.substring(eq + 1).isBlank()) {
                throw new CommandLine.ParameterException(new CommandLine(new BenchmarkCli()),
                    "--postgres-config: '" + part.trim() + "' is not name=value, e.g. shared_buffers=512MB");
            }
            m.put(name, part.substring(eq + 1).trim());
        }
        return m;
    }

    /** Says what the server runs with, read back from it (a setting it ignored shows here). */
    private void report(TestDatabase db, Map<String, String> settings) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            StringBuilder now = new StringBuilder();
            for (String name : settings.keySet()) {
                try (ResultSet rs = s.executeQuery("SHOW " + name)) {
                    rs.next();
                    now.append(now.length() == 0 ? "" : ", ").append(name).append('=').append(rs.getString(1));
                }
            }
            say("PostgreSQL runs with " + now);
        }
    }

    /** A paced step of gateway batches: {@code readingsPerMessage:readingsPerSecond}. */
    record BatchRate(int readingsPerMessage, int readingsPerSecond) {
    }

    /** {@code --batch-rates none}. */
    static final BatchRate NONE = new BatchRate(0, 0);

    /** Parses an offered rate of single readings, or {@code none} (NaN, skipped) for no such steps. */
    static final class RateConverter implements CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            if (value.trim().equalsIgnoreCase("none")) {
                return Double.NaN;
            }
            try {
                double rate = Double.parseDouble(value.trim());
                if (rate > 0 && Double.isFinite(rate)) {
                    return rate;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new CommandLine.TypeConversionException("'" + value
                + "' is not a positive number of readings per second, e.g. 25000 (or none for no single-reading steps)");
        }
    }

    /** Parses {@code 100:50000}; picocli reports a bad value with the option's name before anything starts. */
    static final class BatchRateConverter implements CommandLine.ITypeConverter<BatchRate> {
        @Override
        public BatchRate convert(String value) {
            if (value.trim().equalsIgnoreCase("none")) {
                return NONE;
            }
            String[] parts = value.trim().split(":");
            try {
                if (parts.length == 2) {
                    int batch = Integer.parseInt(parts[0].trim());
                    int rate = Integer.parseInt(parts[1].trim());
                    if (batch >= 1 && rate >= 1) {
                        return new BatchRate(batch, rate);
                    }
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new CommandLine.TypeConversionException("'" + value
                + "' is not readingsPerMessage:readingsPerSecond with both positive, e.g. 100:50000");
        }
    }

    private Results.Ceiling ceiling(TestBroker broker, int batch, Duration time) throws Exception {
        say(String.format(Locale.ROOT, "broker-only ceiling, %d reading(s) per message, %d connection(s), %d s", batch,
            connections, time.toSeconds()));
        try (CountingSubscriber sub = new CountingSubscriber(broker.url(), Topic.readingsFilter(city.id()))) {
            beginSampling();
            SimulatorStats stats = runUnpaced(broker.url(), batch, time, 0, "bench-ceiling-" + batch, "received (messages)", sub::messages);
            long expected = stats.messagesSent();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (sub.messages() < expected && System.nanoTime() < deadline) {
                PlatformProcess.sleep(50);
            }
            List<ProcessSampler.ProcessFigures> figures = endSampling();
            double seconds = stats.elapsed().toNanos() / 1e9;
            Results.Ceiling c = new Results.Ceiling(batch, connections, seconds, stats.readingsAcknowledged(), sub.messages(),
                stats.readingsAcknowledged() / seconds, sub.messages() / seconds, figures);
            say(String.format(Locale.ROOT, "  %,.0f readings/s (%,.0f messages/s); subscriber received %,d of %,d messages",
                c.readingsPerSecond(), c.messagesPerSecond(), sub.messages(), expected));
            return c;
        }
    }

    private Results.PipelineStep pipeline(PlatformProcess platform, TestDatabase db, TestBroker broker, int batch,
                                          double rate, Duration time) throws Exception {
        say(rate > 0
            ? String.format(Locale.ROOT, "pipeline, offered %,.0f readings/s, %d reading(s) per message, %d s", rate, batch, time.toSeconds())
            : String.format(Locale.ROOT, "pipeline, as fast as the simulator publishes, %d reading(s) per message, %d s", batch, time.toSeconds()));
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE reading, aggregate_1m");
        }
        String watched = city.sensors().get(0).id();
        List<Double> visible = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean polling = new AtomicBoolean(rate > 0);
        Thread poller = new Thread(() -> pollVisibility(platform, watched, polling, visible), "api-visibility");
        double probeBefore = probe.medianMillis();
        HostSpeedProbe.Sampling probeDuring = probe.sampleEvery(2_000);
        beginSampling();
        Instant publishStart;
        SimulatorStats stats;
        Instant publishEnd;
        double duringMs;
        long acked;
        long stored;
        Results.PostgresWork pgWork;
        try (PostgresActivity pgActivity = PostgresActivity.start(db.dataSource(), 1_000)) {
            publishStart = Instant.now();
            poller.start();
            try {
                if (rate > 0) {
                    SimulatorConfig config = base(broker.url(), batch, "bench-rate-" + (long) rate).ratePerSecond(rate).duration(time).build();
                    try (Simulator sim = new Simulator(config)) {
                        Thread t = new Thread(sim, "simulator");
                        t.start();
                        progressUntil(sim, time.plusSeconds(60), () -> rowsWritten(db));
                        t.join(10_000);
                        stats = sim.stats();
                    }
                } else {
                    stats = runUnpaced(broker.url(), batch, time, maxReadings, "bench-max-" + batch, READINGS_WRITTEN, () -> rowsWritten(db));
                }
                publishEnd = Instant.now();
            } finally {
                duringMs = probeDuring.stop(); // also when publishing failed: no sampling thread left behind
            }
            acked = stats.readingsAcknowledged();
            stored = awaitStored(db, acked, Duration.ofSeconds(120));
            pgWork = pgActivity.stop(stored); // before the counting queries below, which are the benchmark's, not the pipeline's
        }
        polling.set(false);
        poller.join(5_000);
        List<ProcessSampler.ProcessFigures> figures = samplers.stream().map(ProcessSampler::endAtMark).toList();
        Results.HostProbe hostProbe = new Results.HostProbe(probeBefore, duringMs, probe.medianMillis());
        Stored st = storedFigures(db, rate > 0, batch);
        double sustained = st.lastIngest == null ? 0
            : stored / Math.max(1e-3, Duration.between(publishStart, st.lastIngest).toNanos() / 1e9);
        double drain = st.lastIngest == null ? 0 : Math.max(0, Duration.between(publishEnd, st.lastIngest).toNanos() / 1e9);
        Results.PipelineStep r = new Results.PipelineStep(batch, rate, stats.elapsed().toNanos() / 1e9, acked, stored,
            acked - stored, sustained, drain, st.latency, Results.Percentiles.of(visible), figures, hostProbe, pgWork);
        say(String.format(Locale.ROOT, "  acknowledged %,d (%,.0f readings/s published), stored %,d, loss %d, sustained %,.0f readings/s, "
                + "drain %.1f s, %sCPU %.2f µs/reading, host probe %.1f ms before, %s during, %.1f after",
            acked, r.publishedRate(), stored, r.loss(), sustained, drain, latencyText(r), r.cpuMicrosPerReading(),
            hostProbe.beforeMs(), Double.isNaN(hostProbe.duringMs()) ? "-" : String.format(Locale.ROOT, "%.1f", hostProbe.duringMs()),
            hostProbe.afterMs()));
        say("  " + postgresText(pgWork));
        return r;
    }

    /** The progress line for PostgreSQL's background work in a step. */
    static String postgresText(Results.PostgresWork w) {
        return String.format(Locale.ROOT, "PostgreSQL in the step: %s checkpoint(s), autovacuum %s s, %s new WAL file(s) filled with zeros, "
                + "%s WAL bytes a reading, %s full-page images per 1,000 readings",
            MarkdownReport.figure(w.checkpoints(), "%d", "?"), MarkdownReport.autovacuum(w),
            MarkdownReport.figure(w.walFilesZeroFilled(), "%d", "?"), MarkdownReport.figure(w.walBytesPerReading(), "%.0f", "?"),
            MarkdownReport.figure(w.fullPageImagesPerThousand(), "%.1f", "?"));
    }

    /** The progress line's latencies; none for an unpaced step, whose event time runs behind the clock. */
    static String latencyText(Results.PipelineStep r) {
        if (r.storedLatencyMs().samples() == 0 && r.visibleLatencyMs().samples() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "publish->stored p50/p95/p99 %s ms, publish->API p50/p95/p99 %s ms, ",
            percentiles(r.storedLatencyMs()), percentiles(r.visibleLatencyMs()));
    }

    private static String percentiles(Results.Percentiles p) {
        return p.samples() == 0 ? "-/-/-" : String.format(Locale.ROOT, "%.0f/%.0f/%.0f", p.p50(), p.p95(), p.p99());
    }

    private SimulatorConfig.Builder base(String url, int batch, String clientId) {
        return SimulatorConfig.builder()
            .brokerUrl(url)
            .city(city)
            .qos(1)
            .batchSize(batch)
            .connections(connections)
            .clientIdPrefix(clientId)
            .publishMeta(false);
    }

    /**
     * As fast as the simulator can publish, for {@code time} of wall-clock time. The event time of
     * such a run falls behind the wall clock, so its latencies mean nothing and are not reported.
     */
    private SimulatorStats runUnpaced(String url, int batch, Duration time, long cap, String clientId, String progressLabel,
                                      java.util.function.LongSupplier progress) throws InterruptedException {
        SimulatorConfig config = base(url, batch, clientId).ratePerSecond(1_000_000).maxReadings(cap).build();
        Simulator sim = new Simulator(config);
        Thread t = new Thread(sim, "simulator");
        t.start();
        long end = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < end && !sim.awaitCompletion(Duration.ZERO)) {
            PlatformProcess.sleep(Math.min(2_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            sampleAll();
            printProgress(sim.stats(), progressLabel, progress.getAsLong());
        }
        sim.close();
        t.join(30_000);
        return sim.stats();
    }

    private void progressUntil(Simulator sim, Duration max, java.util.function.LongSupplier stored) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!sim.awaitCompletion(Duration.ofSeconds(2))) {
            sampleAll();
            printProgress(sim.stats(), READINGS_WRITTEN, stored.getAsLong());
            if (System.nanoTime() > deadline) {
                say("  the simulator did not finish in time; stopping it");
                break;
            }
        }
    }

    private void printProgress(SimulatorStats s, String label, long count) {
        System.out.printf(Locale.ROOT, "  ... %,d sent, %,d acknowledged, %,d %s%n", s.readingsSent(), s.readingsAcknowledged(), count, label);
    }

    private void pollVisibility(PlatformProcess platform, String sensor, AtomicBoolean polling, List<Double> out) {
        String path = "/api/v1/cities/" + city.id() + "/sensors/" + sensor + "/readings?limit=1";
        String last = null;
        while (polling.get()) {
            try {
                JsonNode body = platform.get(path);
                JsonNode rows = body == null ? null : body.path("readings");
                if (rows != null && rows.size() > 0) {
                    String ts = rows.get(0).path("ts").asText();
                    if (!ts.equals(last)) {
                        last = ts;
                        out.add(Duration.between(Instant.parse(ts), Instant.now()).toNanos() / 1e6);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a slow answer under load is itself a measurement gap, not an error of the benchmark
            }
            PlatformProcess.sleep(100);
        }
    }

    /** The label of {@link #rowsWritten}: a row of {@code reading} is one reading (V11), comparable with the readings sent. */
    private static final String READINGS_WRITTEN = "readings written (rows inserted)";

    /**
     * Rows inserted into {@code reading} so far, from PostgreSQL's statistics (flushed about once a
     * second): a cheap progress figure. Since V11 a row is a reading with all of its metrics (it was
     * a row per metric), so this counts readings written, those skipped by {@code ON CONFLICT}
     * excluded. The exact count of distinct readings ({@link #stored}) is a scan of the whole table
     * that took two thirds of a core when it ran every two seconds, on the same two cores as the
     * pipeline it measured, so it now runs only when the inserts have stopped.
     */
    private long rowsWritten(TestDatabase db) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'reading'")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the reading table's statistics: " + e.getMessage(), e);
        }
    }

    private long stored(TestDatabase db) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            // fresh statistics first: right after a TRUNCATE and a burst of COPY the planner still
            // thinks the table is empty, and its plan for the distinct count ran for minutes
            s.execute("ANALYZE reading");
            // a row per reading, but counted by (sensor, seq): a reading stored twice under another ts
            // would be a second row, and must not hide a lost one
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM (SELECT DISTINCT sensor_key, seq FROM reading) r")) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count stored readings: " + e.getMessage(), e);
        }
    }

    /**
     * Waits until the inserts have been still for three seconds, then counts the distinct stored
     * readings; goes on waiting while that count is short of {@code expected} and still moving.
     */
    private long awaitStored(TestDatabase db, long expected, Duration noProgressLimit) {
        long lastRows = -1;
        long stillSince = System.nanoTime();
        long lastCount = -1;
        long lastCountChange = System.nanoTime();
        while (true) {
            long rows = rowsWritten(db);
            if (rows != lastRows) {
                lastRows = rows;
                stillSince = System.nanoTime();
                markAll(); // the step's CPU window ends at the last poll that saw inserts
            } else if (System.nanoTime() - stillSince >= 3_000_000_000L) {
                long n = stored(db);
                if (n >= expected) {
                    return n;
                }
                if (n != lastCount) {
                    lastCount = n;
                    lastCountChange = System.nanoTime();
                } else if (System.nanoTime() - lastCountChange > noProgressLimit.toNanos()) {
                    say("  no progress for " + noProgressLimit.toSeconds() + " s; counting what is stored");
                    return n;
                }
                stillSince = System.nanoTime();
            }
            sampleAll();
            PlatformProcess.sleep(500);
        }
    }

    private record Stored(Instant lastIngest, Results.Percentiles latency) {
    }

    private Stored storedFigures(TestDatabase db, boolean withLatency, int batch) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            Instant last;
            try (ResultSet rs = s.executeQuery("SELECT max(pg_xact_commit_timestamp(xmin)) FROM reading")) {
                rs.next();
                last = rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant();
            }
            if (!withLatency) {
                return new Stored(last, Results.Percentiles.NONE);
            }
            return new Stored(last, publishToStored(c, batch));
        }
    }

    /** {@link #PUBLISH_TO_STORED} of the step's messages of {@code batch} readings, in milliseconds. */
    static Results.Percentiles publishToStored(Connection c, int batch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PUBLISH_TO_STORED)) {
            ps.setInt(1, batch);
            ps.setInt(2, batch - 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Results.Percentiles(rs.getLong(1), rs.getDouble(2) * 1000, rs.getDouble(3) * 1000,
                    rs.getDouble(4) * 1000);
            }
        }
    }

    /**
     * Publish→stored of every message, by its last reading's row: from the reading's time to its
     * transaction's commit ({@link #MEASURING_TEXT}). The simulator publishes a message when its last
     * reading's time comes, and stamps each reading with its own time, so a batch's earlier readings
     * waited in the gateway before the publish (up to batch × the sensor's period: 600 ms for 100
     * readings at 50,000 readings/s of 300 sensors). A sensor's k-th reading of a step has seq
     * base + k, base the same for every sensor (the step's lowest seq), and a message holds readings
     * k = j × batch ... (j + 1) × batch - 1; with batch 1 every reading is its own message. Until the
     * ninth session this took every reading from its own time to its transaction's start.
     */
    static final String PUBLISH_TO_STORED = """
        SELECT count(*),
               percentile_cont(0.50) WITHIN GROUP (ORDER BY latency),
               percentile_cont(0.95) WITHIN GROUP (ORDER BY latency),
               percentile_cont(0.99) WITHIN GROUP (ORDER BY latency)
        FROM (SELECT extract(epoch FROM pg_xact_commit_timestamp(xmin) - ts) AS latency
              FROM reading
              WHERE (seq - (SELECT min(seq) FROM reading)) % ? = ?) message""";


    private void beginSampling() {
        samplers.forEach(ProcessSampler::begin);
    }

    private void sampleAll() {
        samplers.forEach(ProcessSampler::sample);
    }

    private void markAll() {
        samplers.forEach(ProcessSampler::mark);
    }

    private List<ProcessSampler.ProcessFigures> endSampling() {
        return samplers.stream().map(ProcessSampler::end).toList();
    }

    static Duration parseDuration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt")) {
            return Duration.parse(s);
        }
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            default -> throw new CommandLine.ParameterException(new CommandLine(new BenchmarkCli()),
                "'" + s + "' is not a duration; write e.g. 15s, 2m or PT15S");
        };
    }

    private static void say(String s) {
        System.out.println("[benchmark] " + s);
    }
}
