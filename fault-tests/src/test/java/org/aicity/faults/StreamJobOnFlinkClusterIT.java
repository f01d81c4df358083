package org.aicity.faults;

import com.fasterxml.jackson.databind.JsonNode;
import org.aicity.model.CityDefinitions;
import org.aicity.sim.Simulator;
import org.aicity.sim.SimulatorConfig;
import org.aicity.sim.SimulatorStats;
import org.aicity.testkit.TestBroker;
import org.aicity.testkit.TestDatabase;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream job as production runs it: the shaded job jar submitted with {@code flink run -p 2}
 * to a standalone Flink cluster (a JobManager and a TaskManager with two slots, each a JVM of its
 * own, started from Flink's Maven artifacts), reading from Mosquitto (the project's config) in ack
 * mode CHECKPOINT with file checkpoints every second, writing to PostgreSQL. The simulator publishes
 * readings and invalid messages at QoS 1; afterwards every acknowledged reading is stored exactly
 * once, every invalid message is a dead letter, and both parallel MQTT readers took a share of the
 * shared subscription.
 *
 * <p>A failsafe test (it needs the packaged job jar): {@code ./mvnw -pl fault-tests -am verify
 * -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=StreamJobOnFlinkClusterIT}. It
 * logs a line starting with {@code CLUSTER RESULT} and appends it to
 * {@code target/fault-tests/results.txt}; the cluster's config and logs stay in
 * {@code target/fault-tests/flink-cluster/}.
 */
class StreamJobOnFlinkClusterIT {

    private static final Logger LOG = LoggerFactory.getLogger(StreamJobOnFlinkClusterIT.class);
    private static final Path WORK = Path.of("target", "fault-tests").toAbsolutePath();
    private static final String NAME = "flink-cluster";
    private static final String PROBE_TOPIC = "city/songdo/traffic/songdo-trf-0001";
    private static final byte[] PROBE = "{\"probe\":\"is the job on the cluster subscribed?\"}".getBytes(StandardCharsets.UTF_8);

    private static final int PARALLELISM = 2;
    private static final int READINGS = 12_000;
    private static final int INVALID_MESSAGES = 21; // three of each of the simulator's seven kinds

    private static TestDatabase db;
    private static TestBroker broker;
    private static FlinkCluster cluster;
    private static Path jobJar;

    @BeforeAll
    static void startServicesAndCluster() throws Exception {
        jobJar = locateJobJar(); // before anything starts: a missing jar is the likeliest failure
        Path work = WORK.resolve(NAME);
        LocalDirs.deleteRecursively(work);
        Files.createDirectories(work);
        db = TestDatabase.start();
        PlatformSchema.migrate(db.dataSource());
        broker = TestBroker.start();
        cluster = FlinkCluster.start(work, FlinkClasspath.of(jobJar), Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopEverything() throws Exception {
        // the job first: it holds connections to the broker and the database
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            try {
                if (broker != null) {
                    broker.close();
                }
            } finally {
                if (db != null) {
                    db.close();
                }
            }
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS) // above the sum of its own deadlines; it takes about 15 s
    void shouldStoreEveryAcknowledgedReadingOnceWhenTheJobJarRunsOnAStandaloneClusterWithTwoReaders() throws Exception {
        long started = System.nanoTime();
        String jobId = cluster.submit(jobJar, PARALLELISM, List.of(
            "--mqtt-url", broker.url(),
            "--mqtt-client-id", "cluster-" + NAME,
            "--mqtt-shared-group", "cluster-" + NAME,
            "--mqtt-ack-mode", "CHECKPOINT",
            "--jdbc-url", db.jdbcUrl(), "--jdbc-user", db.username(), "--jdbc-password", db.password(),
            "--city", "songdo",
            "--pipeline-name", NAME,
            "--checkpoint-interval", "1s"));
        cluster.awaitRunning(jobId, Duration.ofSeconds(60));
        JsonNode source = cluster.vertex(jobId, name -> name.startsWith("Source:"));
        LOG.info("job {} runs on the cluster ({}/#/job/running/{}); source '{}' with parallelism {}; submitted and running in {} ms",
            jobId, cluster.restUrl(), jobId, source.path("name").asText(), source.path("parallelism").asInt(),
            (System.nanoTime() - started) / 1_000_000);
        assertThat(source.path("parallelism").asInt()).as("readers (flink run -p)").isEqualTo(PARALLELISM);
        int probes = awaitJobSubscribed();

        SimulatorStats sent = publish();
        assertThat(sent.readingsAcknowledged()).isEqualTo(READINGS);
        assertThat(sent.readingsFailed()).isZero();
        assertThat(sent.invalidMessagesAcknowledged()).isEqualTo(INVALID_MESSAGES);

        long acked = sent.readingsAcknowledged();
        await("every acknowledged reading stored", Duration.ofSeconds(60), () -> storedReadings() >= acked);
        long expectedDeadLetters = INVALID_MESSAGES + 1; // the probe: one dead letter however often it was sent
        await("every invalid message a dead letter", Duration.ofSeconds(30), () -> count("SELECT count(*) FROM dead_letter") >= expectedDeadLetters);
        // every message the readers received, as counted by Flink: reading messages, invalid ones and the probes
        long expectedMessages = sent.messagesSent() + INVALID_MESSAGES + probes;
        await("the source's metrics count every message", Duration.ofSeconds(20),
            () -> readerMessages(jobId).stream().mapToLong(Long::longValue).sum() >= expectedMessages);

        // one row per reading, keyed (city, sensor, ts, seq): a reading stored twice would be a second row
        // with the same (city, sensor, seq) under another ts, so rows beyond the distinct readings are duplicates
        long stored;
        long rows;
        long values;
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(DISTINCT (sensor_key, seq)), count(*), "
                 + "coalesce(sum(cardinality(metric_values)), 0) FROM reading")) {
            rs.next();
            stored = rs.getLong(1);
            rows = rs.getLong(2);
            values = rs.getLong(3);
        }
        long deadLetters = count("SELECT count(*) FROM dead_letter");
        List<Long> perReader = readerMessages(jobId);
        List<long[]> ingest = ingestStatus();
        String result = String.format("CLUSTER RESULT %s: job %s, parallelism %d; sent %,d readings (acknowledged %,d, failed %,d) "
                + "in %,d messages, %,d invalid messages (acknowledged %,d) and %,d probes; stored %,d distinct readings in %,d rows "
                + "(%,d duplicate rows) with %,d metric values; %,d dead letters; messages per MQTT reader %s; "
                + "ingest_status per subtask %s; %.1f s",
            NAME, jobId, PARALLELISM, sent.readingsSent(), acked, sent.readingsFailed(), sent.messagesSent(), sent.invalidMessagesSent(),
            sent.invalidMessagesAcknowledged(), probes, stored, rows, rows - stored, values, deadLetters, perReader,
            ingest.stream().map(r -> "#" + r[0] + ": " + r[1] + " in, " + r[2] + " valid, " + r[3] + " invalid, " + r[4] + " duplicates").toList(),
            (System.nanoTime() - started) / 1e9);
        LOG.info(result);
        Files.writeString(WORK.resolve("results.txt"), result + System.lineSeparator(), StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);

        assertThat(rows).as("no reading stored twice (rows of the reading table)").isEqualTo(stored);
        assertThat(stored).as("distinct stored readings").isEqualTo(acked);
        assertThat(deadLetters).as("dead letters: the invalid messages and the probe").isEqualTo(expectedDeadLetters);
        assertThat(perReader).as("messages received by each MQTT reader (Flink's per-subtask metrics of the source)")
            .hasSize(PARALLELISM).allMatch(n -> n > 0);
        assertThat(ingest).as("ingest_status rows, one per subtask of the ingest operator").hasSize(PARALLELISM)
            .allMatch(r -> r[1] > 0);
        cluster.assertAlive();
    }

    /** The simulator: readings of Songdo's sensors at QoS 1 with invalid messages between them. */
    private static SimulatorStats publish() throws InterruptedException {
        SimulatorConfig config = SimulatorConfig.builder()
            .brokerUrl(broker.url())
            .city(CityDefinitions.builtIn("songdo"))
            .ratePerSecond(2_000)
            .maxReadings(READINGS)
            .invalidMessages(INVALID_MESSAGES)
            .qos(1)
            .publishMeta(false)
            .clientIdPrefix("sim-" + NAME)
            .build();
        try (Simulator sim = new Simulator(config)) {
            Thread sender = new Thread(sim, "simulator");
            sender.start();
            assertThat(sim.awaitCompletion(Duration.ofSeconds(60))).as("the simulator finished within 60 s").isTrue();
            sender.join(10_000);
            SimulatorStats stats = sim.stats();
            LOG.info("simulator: {}", stats.summary());
            return stats;
        }
    }

    /**
     * Messages received by each parallel instance of the MQTT source: the records each source
     * subtask sent on to the ingest operator (the source is not chained with it), from the
     * JobManager's REST API.
     */
    private static List<Long> readerMessages(String jobId) {
        List<Long> counts = new ArrayList<>();
        for (JsonNode subtask : cluster.vertex(jobId, name -> name.startsWith("Source:")).path("subtasks")) {
            counts.add(subtask.path("metrics").path("write-records").asLong());
        }
        return counts;
    }

    /** Rows of ingest_status for this pipeline: subtask, messages in, valid, invalid, duplicates. */
    private static List<long[]> ingestStatus() throws SQLException {
        List<long[]> rows = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT subtask, messages_in, readings_valid, readings_invalid, duplicates "
                 + "FROM ingest_status WHERE pipeline = '" + NAME + "' ORDER BY subtask")) {
            while (rs.next()) {
                rows.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
            }
        }
        return rows;
    }

    /**
     * Publishes the same invalid probe until it shows as a dead letter: then a reader has subscribed
     * (before that, the broker would drop the readings: no member of the shared group yet) and the
     * job writes. Returns how many probes were sent.
     */
    private static int awaitJobSubscribed() throws Exception {
        long started = System.nanoTime();
        MqttClient probe = new MqttClient(broker.url(), "probe-" + NAME, new MemoryPersistence());
        int sent = 0;
        try {
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            probe.connect(o);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (count("SELECT count(*) FROM dead_letter") == 0) {
                cluster.assertAlive();
                assertThat(System.nanoTime()).as("the job stored the probe within 60 s").isLessThan(deadline);
                probe.publish(PROBE_TOPIC, PROBE, 1, false);
                sent++;
                Thread.sleep(500);
            }
            probe.disconnect();
        } finally {
            probe.close();
        }
        LOG.info("the job reads and writes: the probe is a dead letter after {} ms ({} sent)", (System.nanoTime() - started) / 1_000_000, sent);
        return sent;
    }

    /**
     * The shaded job jar, as {@code ./mvnw package} leaves it. Failsafe runs after the reactor has
     * packaged stream-job; run by other means (an IDE), the jar may be missing or older than the classes.
     */
    private static Path locateJobJar() throws IOException {
        Path streamJob = LocalDirs.reactorRoot().resolve("stream-job");
        String configured = System.getProperty("aicity.stream-job.jar");
        Optional<Path> jar;
        if (configured != null && !configured.isBlank()) {
            jar = Optional.of(Path.of(configured)).filter(Files::isRegularFile);
        } else {
            try (Stream<Path> files = Files.list(streamJob.resolve("target"))) {
                jar = files.filter(p -> p.getFileName().toString().matches("stream-job-.*-job\\.jar")).findFirst();
            } catch (IOException e) {
                jar = Optional.empty();
            }
        }
        String build = "build it with ./mvnw -q -DskipTests package (or run this test with ./mvnw -pl fault-tests -am verify)";
        Path found = jar.orElseThrow(() -> new IllegalStateException("no shaded job jar in " + streamJob.resolve("target") + "; " + build));
        Path classes = streamJob.resolve("target/classes");
        if (Files.isDirectory(classes)) {
            FileTime jarTime = Files.getLastModifiedTime(found);
            try (Stream<Path> files = Files.walk(classes)) {
                Optional<Path> newer = files.filter(Files::isRegularFile)
                    .filter(p -> modified(p).compareTo(jarTime) > 0).findFirst();
                // a warning, not a failure: in a shared working tree another build may recompile meanwhile
                newer.ifPresent(p -> LOG.warn("{} is older than {}, so it may not hold the current code; {}", found, p, build));
            }
        }
        LOG.info("job jar: {}", found);
        return found;
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static long storedReadings() {
        try {
            return count("SELECT count(DISTINCT (sensor_key, seq)) FROM reading");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String query) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            cluster.assertAlive();
            assertThat(System.nanoTime()).as(what + " within " + timeout.toSeconds() + " s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
