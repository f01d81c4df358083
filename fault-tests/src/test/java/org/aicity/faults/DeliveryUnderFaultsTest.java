package org.aicity.faults;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing lost, nothing twice, under the three faults that matter, with real processes: the
 * simulator publishes readings at QoS 1 to Mosquitto (the project's config) at a modest rate; the
 * stream job runs in a JVM of its own (ack mode CHECKPOINT, checkpoints every second, parallelism
 * 2 on a shared subscription) and writes to PostgreSQL. Mid-stream, one fault; afterwards every
 * reading the broker acknowledged to the simulator is in the database, and none twice.
 *
 * <p>Each test logs a line starting with {@code FAULT RESULT} with the figures, and appends it to
 * {@code target/fault-tests/results.txt}.
 */
class DeliveryUnderFaultsTest {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryUnderFaultsTest.class);
    private static final String PROBE_TOPIC = "city/songdo/traffic/songdo-trf-0001";
    private static final Path WORK = Path.of("target", "fault-tests").toAbsolutePath();

    private static TestDatabase db;
    private TestBroker broker;
    private String name;
    private Path work;
    private JobProcess job;

    @BeforeAll
    static void startDatabase() throws Exception {
        db = TestDatabase.start();
        PlatformSchema.migrate(db.dataSource());
    }

    @AfterAll
    static void stopDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void emptyTables() throws Exception {
        sql("TRUNCATE reading, aggregate_1m, dead_letter, ingest_status");
    }

    /** A broker per test: a killed job's sessions would otherwise queue the next test's readings. */
    private void begin(String testName) throws Exception {
        name = testName;
        work = WORK.resolve(name);
        LocalDirs.deleteRecursively(work);
        Files.createDirectories(work);
        broker = TestBroker.start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (job != null) {
            job.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS) // a backstop for a hang, about its own deadlines summed; each takes 25-55 s
    void shouldStoreEveryAcknowledgedReadingOnceWhenTheJobIsKilledAndRestoredFromItsLastCheckpoint() throws Exception {
        begin("job-kill");
        Path checkpoints = work.resolve("checkpoints");
        job = JobProcess.start(checkpoints, work.resolve("job-1.log"), null, jobArgs());
        awaitJobSubscribed();

        try (Run run = Run.start(simulator(30_000, 1_500))) {
            await("10,000 readings acknowledged", Duration.ofSeconds(60), () -> run.stats().readingsAcknowledged() >= 10_000);
            Instant now = Instant.now();
            await("a checkpoint after that", Duration.ofSeconds(30), () -> JobProcess.latestCheckpoint(checkpoints)
                .filter(c -> modified(c.resolve("_metadata")).isAfter(now)).isPresent());

            long pid = job.pid();
            job.kill();
            Path restoreFrom = JobProcess.latestCheckpoint(checkpoints).orElseThrow();
            LOG.info("killed the job's JVM (pid {}) with SIGKILL after {} readings acknowledged; restarting from {}",
                pid, run.stats().readingsAcknowledged(), checkpoints.relativize(restoreFrom));
            job = JobProcess.start(checkpoints, work.resolve("job-2.log"), restoreFrom, jobArgs());

            SimulatorStats sent = run.awaitDone(Duration.ofSeconds(90));
            assertThat(sent.readingsFailed()).isZero();
            assertThat(sent.readingsAcknowledged()).isEqualTo(30_000);
            assertEveryAcknowledgedReadingStoredOnce(sent, "job killed with SIGKILL, restored from " + restoreFrom.getFileName());
        }
        assertThat(job.logLines("Restoring job")).as("the new JVM restored the checkpoint").isNotEmpty();
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS) // a backstop for a hang, about its own deadlines summed; each takes 25-55 s
    void shouldStoreEveryAcknowledgedReadingOnceWhenTheBrokerRestartsMidStream() throws Exception {
        begin("broker-restart");
        job = JobProcess.start(work.resolve("checkpoints"), work.resolve("job.log"), null, jobArgs());
        awaitJobSubscribed();

        try (Run run = Run.start(simulator(30_000, 1_500))) {
            await("10,000 readings acknowledged", Duration.ofSeconds(60), () -> run.stats().readingsAcknowledged() >= 10_000);
            broker.restart();
            LOG.info("restarted the broker after {} readings acknowledged", run.stats().readingsAcknowledged());

            SimulatorStats sent = run.awaitDone(Duration.ofSeconds(120));
            assertEveryAcknowledgedReadingStoredOnce(sent, "broker restarted");
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS) // a backstop for a hang, about its own deadlines summed; each takes 25-55 s
    void shouldStoreEveryAcknowledgedReadingOnceWhenTheDatabaseIsDownFor30Seconds() throws Exception {
        begin("db-outage");
        job = JobProcess.start(work.resolve("checkpoints"), work.resolve("job.log"), null, jobArgs());
        awaitJobSubscribed();

        try (Run run = Run.start(simulator(45_000, 1_000))) {
            await("5,000 readings acknowledged", Duration.ofSeconds(60), () -> run.stats().readingsAcknowledged() >= 5_000);
            db.stop();
            long stoppedAt = System.nanoTime();
            LOG.info("stopped PostgreSQL after {} readings acknowledged", run.stats().readingsAcknowledged());
            await("the job reports the outage", Duration.ofSeconds(30), () -> !job.logLines("Database outage: writing").isEmpty());
            // The fault itself lasts 30 s; there is nothing to wait for but time.
            Thread.sleep(Math.max(0, Duration.ofSeconds(30).toMillis() - (System.nanoTime() - stoppedAt) / 1_000_000));
            db.restart();
            LOG.info("restarted PostgreSQL after {} s, {} readings acknowledged", (System.nanoTime() - stoppedAt) / 1_000_000_000,
                run.stats().readingsAcknowledged());

            SimulatorStats sent = run.awaitDone(Duration.ofSeconds(90));
            assertThat(sent.readingsFailed()).isZero();
            assertEveryAcknowledgedReadingStoredOnce(sent, "PostgreSQL down for 30 s");
        }
        assertThat(job.logLines("Database outage over: writes to reading succeed again")).isNotEmpty();
    }

    /**
     * Waits until the database holds as many distinct readings as were acknowledged, then checks that
     * none is stored twice. When the broker restarts, a reading can be stored although its PUBACK was
     * lost with the connection (the simulator counts it as failed), so then stored may exceed
     * acknowledged by at most the failed ones.
     */
    private void assertEveryAcknowledgedReadingStoredOnce(SimulatorStats sent, String fault) throws Exception {
        long acked = sent.readingsAcknowledged();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        long seen;
        while ((seen = storedReadings()) < acked) {
            assertThat(System.nanoTime()).as("every acknowledged reading stored within 90 s: %,d of %,d stored (%s)",
                seen, acked, fault).isLessThan(deadline);
            Thread.sleep(100);
        }
        // one query, one snapshot: the counts must agree with each other while late rows may still arrive
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
        long redeliveriesDropped = count("SELECT coalesce(sum(duplicates), 0) FROM ingest_status");
        long deadLetters = count("SELECT count(*) FROM dead_letter");
        String result = String.format("FAULT RESULT %s: %s; sent %,d, acknowledged %,d, failed %,d, stored %,d distinct "
                + "readings in %,d rows (%,d duplicate rows) with %,d metric values; %,d redeliveries dropped by dedup; "
                + "%,d dead letters (the probe)",
            name, fault, sent.readingsSent(), acked, sent.readingsFailed(), stored, rows, rows - stored, values,
            redeliveriesDropped, deadLetters);
        LOG.info(result);
        Files.writeString(WORK.resolve("results.txt"), result + System.lineSeparator(), StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);

        assertThat(rows).as("no reading stored twice (rows of the reading table)").isEqualTo(stored);
        assertThat(stored).as("stored readings").isBetween(acked, acked + sent.readingsFailed());
        assertThat(deadLetters).as("only the probe is a dead letter").isEqualTo(1);
    }

    private List<String> jobArgs() {
        return List.of(
            "--mqtt-url", broker.url(),
            "--mqtt-client-id", "fault-" + name,
            "--mqtt-shared-group", "fault-" + name,
            "--mqtt-ack-mode", "CHECKPOINT",
            "--jdbc-url", db.jdbcUrl(), "--jdbc-user", db.username(), "--jdbc-password", db.password(),
            "--city", "songdo",
            "--pipeline-name", "fault-" + name,
            "--checkpoint-interval", "1s",
            "--parallelism", "2");
    }

    private SimulatorConfig simulator(long readings, double perSecond) {
        return SimulatorConfig.builder()
            .brokerUrl(broker.url())
            .city(CityDefinitions.builtIn("songdo"))
            .ratePerSecond(perSecond)
            .maxReadings(readings)
            .qos(1)
            .publishMeta(false)
            .clientIdPrefix("sim-" + name)
            .build();
    }

    /** Publishes the same invalid probe until it shows as a dead letter: then the job reads and writes. */
    private void awaitJobSubscribed() throws Exception {
        MqttClient probe = new MqttClient(broker.url(), "probe-" + name, new MemoryPersistence());
        try {
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            probe.connect(o);
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (count("SELECT count(*) FROM dead_letter") == 0) {
                assertThat(job.isAlive()).as("the job's JVM runs (see " + job.log() + ")").isTrue();
                assertThat(System.nanoTime()).as("the job stored the probe within 90 s").isLessThan(deadline);
                probe.publish(PROBE_TOPIC, "{\"probe\":true}".getBytes(StandardCharsets.UTF_8), 1, false);
                Thread.sleep(500);
            }
            probe.disconnect();
        } finally {
            probe.close();
        }
    }

    private static long storedReadings() {
        try {
            return count("SELECT count(DISTINCT (sensor_key, seq)) FROM reading");
        } catch (SQLException e) {
            return -1; // the database is still coming back
        }
    }

    private static long count(String query) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static Instant modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (java.io.IOException e) {
            return Instant.MIN; // deleted meanwhile
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within " + timeout.toSeconds() + " s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** A simulator run on its own thread. */
    private record Run(Simulator simulator, Thread thread) implements AutoCloseable {
        static Run start(SimulatorConfig config) {
            Simulator s = new Simulator(config);
            Thread t = new Thread(s, "simulator");
            t.start();
            return new Run(s, t);
        }

        SimulatorStats stats() {
            return simulator.stats();
        }

        SimulatorStats awaitDone(Duration timeout) throws InterruptedException {
            assertThat(simulator.awaitCompletion(timeout)).as("the simulator finished within " + timeout.toSeconds() + " s").isTrue();
            thread.join(10_000);
            SimulatorStats s = simulator.stats();
            LOG.info("simulator: {}", s.summary());
            return s;
        }

        @Override
        public void close() throws InterruptedException {
            simulator.close();
            thread.join(10_000);
        }
    }
}
