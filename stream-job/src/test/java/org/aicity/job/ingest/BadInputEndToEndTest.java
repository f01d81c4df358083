package org.aicity.job.ingest;

import org.aicity.job.PlatformMigrations;
import org.aicity.job.JobConfig;
import org.aicity.job.StreamJob;
import org.aicity.testkit.TestBroker;
import org.aicity.testkit.TestDatabase;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input corpus through the real thing: published to Mosquitto between valid readings, read
 * by the job (MQTT source, CHECKPOINT acks, parallelism 2) and written to PostgreSQL. Each bad
 * message is stored as a dead letter with its specific reason, every valid reading is stored, and
 * the job never fails: it runs with no restart strategy, so one exception would end it.
 */
class BadInputEndToEndTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
        .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final byte[] PROBE = "{\"probe\":true}".getBytes(StandardCharsets.UTF_8);

    private static TestBroker broker;
    private static TestDatabase db;

    @BeforeAll
    static void start() throws Exception {
        broker = TestBroker.start();
        db = TestDatabase.start();
        PlatformMigrations.applyAll(db);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldStoreEachBadMessageAsADeadLetterWithItsReasonAndEveryValidReadingWithoutAFailure() throws Exception {
        JobClient job = startJob();
        MqttClient sensor = new MqttClient(broker.url(), "corpus-publisher", new MemoryPersistence());
        try {
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            sensor.connect(o);
            awaitJobSubscribed(sensor);

            Instant now = Instant.now();
            List<BadInputCorpus.Case> cases = BadInputCorpus.cases(now);
            long valid = 0;
            for (BadInputCorpus.Case c : cases) {
                // a valid reading before each bad message, of sensors whose topics the corpus uses and does not
                sensor.publish(BadInputCorpus.TOPIC, BadInputCorpus.reading(valid, now.minusSeconds(90 - valid), "\"intensity\":5")
                    .getBytes(StandardCharsets.UTF_8), 1, false);
                valid++;
                sensor.publish("city/songdo/traffic/songdo-trf-0003", ("{\"sensorId\":\"songdo-trf-0003\",\"ts\":\"" + now.minusSeconds(90 - valid)
                    + "\",\"seq\":" + valid + ",\"metrics\":{\"occupancy\":0.5}}").getBytes(StandardCharsets.UTF_8), 1, false);
                valid++;
                for (byte[] first : c.before()) {
                    sensor.publish(c.topic(), first, 1, false);
                    valid++;
                    // The readers split the topic's messages between them: wait, so that the first
                    // really is first at the operator.
                    long expected = valid;
                    await("the first reading of '" + c.kind() + "' stored", Duration.ofSeconds(30), () -> storedReadings() >= expected);
                }
                sensor.publish(c.topic(), c.payload(), 1, false);
                valid += c.alsoValid();
            }
            // an exact redelivery of a valid reading: dropped silently, counted as a duplicate
            sensor.publish(BadInputCorpus.TOPIC, BadInputCorpus.reading(0, now.minusSeconds(90), "\"intensity\":5")
                .getBytes(StandardCharsets.UTF_8), 1, false);

            long expectedValid = valid;
            await("every bad message stored as a dead letter", Duration.ofSeconds(60), () -> count("SELECT count(*) FROM dead_letter") == cases.size() + 1);
            await("every valid reading stored", Duration.ofSeconds(60), () -> storedReadings() == expectedValid);
            // each subtask flushes its own status row once a second: wait for all of them
            await("the redelivery counted as a duplicate", Duration.ofSeconds(30),
                () -> count("SELECT coalesce(sum(duplicates), 0) FROM ingest_status WHERE pipeline = 'corpus'") == 1);
            await("every rejection counted (the probe at least once)", Duration.ofSeconds(30),
                () -> count("SELECT coalesce(sum(readings_invalid), 0) FROM ingest_status WHERE pipeline = 'corpus'") > cases.size());

            for (BadInputCorpus.Case c : cases) {
                assertThat(reasonsOf(c)).as(c.kind()).anySatisfy(r -> assertThat(c.matches(r)).as(r + " matches " + c.reason()).isTrue());
            }
            assertThat(count("SELECT count(*) FROM dead_letter")).isEqualTo(cases.size() + 1);
            assertThat(storedReadings()).isEqualTo(expectedValid);
            assertThat(count("SELECT count(DISTINCT (sensor_key, seq)) FROM reading")).as("no reading stored twice")
                .isEqualTo(expectedValid);
            // every valid reading of the corpus has one metric, so a row with another number of them is wrong
            assertThat(count("SELECT count(*) FROM reading r JOIN metric_set ms ON ms.id = r.metric_set WHERE cardinality(ms.names) <> 1 OR cardinality(r.metric_values) <> 1"))
                .isZero();
            assertThat(count("SELECT count(*) FROM reading r JOIN metric_set ms ON ms.id = r.metric_set JOIN sensor_key k ON k.key = r.sensor_key "
                + "WHERE k.sensor_id = '" + BadInputCorpus.SENSOR + "' AND seq = 1032 "
                + "AND ms.names = ARRAY['intensity'] AND metric_values = ARRAY[7.0]::float8[]"))
                .as("of a seq reused for another reading, the first one is stored, with its value").isEqualTo(1);
            assertThat(job.getJobStatus().get()).as("the job still runs: it never failed").isEqualTo(JobStatus.RUNNING);
        } finally {
            sensor.disconnect();
            sensor.close();
            job.cancel().get();
        }
    }

    private static JobClient startJob() throws Exception {
        Configuration noRestarts = new Configuration();
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(noRestarts);
        return StreamJob.submit(JobConfig.parse(new String[] {
            "--mqtt-url", broker.url(), "--mqtt-client-id", "corpus", "--mqtt-shared-group", "corpus",
            "--jdbc-url", db.jdbcUrl(), "--jdbc-user", db.username(), "--jdbc-password", db.password(),
            "--city", "songdo", "--pipeline-name", "corpus", "--checkpoint-interval", "1s", "--parallelism", "2"}, Map.of()), env);
    }

    /** Publishes an invalid probe until it shows as a dead letter: then the job reads and writes. */
    private static void awaitJobSubscribed(MqttClient sensor) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (count("SELECT count(*) FROM dead_letter") == 0) {
            assertThat(System.nanoTime()).as("the job stored the probe within 60 s").isLessThan(deadline);
            sensor.publish(BadInputCorpus.TOPIC, PROBE, 1, false);
            Thread.sleep(300);
        }
    }

    private static List<String> reasonsOf(BadInputCorpus.Case c) throws SQLException {
        try (Connection conn = db.dataSource().getConnection();
             PreparedStatement ps = conn.prepareStatement("SELECT reasons FROM dead_letter WHERE topic = ? AND payload = ?")) {
            ps.setString(1, c.topic());
            ps.setBytes(2, c.payload());
            List<String> reasons = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array a = rs.getArray(1);
                    reasons.addAll(Arrays.asList((String[]) a.getArray()));
                }
            }
            return reasons;
        }
    }

    /** Readings stored: one row each, with all of its metrics. */
    private static long storedReadings() {
        return count("SELECT count(*) FROM reading");
    }

    private static long count(String query) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within " + timeout.toSeconds() + " s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
