package org.aicity.bench;

import org.aicity.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The benchmark's publish→stored latency against a real PostgreSQL: a message counts from its
 * publish, its last reading's time, not from each reading's own time, to its row's commit.
 */
class PublishToStoredLatencyTest {

    private static TestDatabase db;

    @BeforeAll
    static void start() throws SQLException {
        db = TestDatabase.start(BenchmarkCli.postgresSettings(BenchmarkCli.MEASURING_TEXT));
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE reading (sensor_key integer, ts timestamptz, seq bigint)");
            // two sensors, readings k = 0..5 (seq 7000 + k) every 100 ms from 1 s before the transaction
            // began, committed together d ms after it began; in messages of 3 they were published
            // 800 ms (k = 0..2) and 500 ms (k = 3..5) before it
            s.execute("""
                INSERT INTO reading
                SELECT n, now() - interval '1 s' + k * interval '100 ms', 7000 + k
                FROM generate_series(1, 2) n, generate_series(0, 5) k""");
        }
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    private static Results.Percentiles latency(int batch) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            return BenchmarkCli.publishToStored(c, batch);
        }
    }

    @Test
    void countsEachMessageFromItsPublishWhichIsItsLastReadingsTimeToItsCommit() throws SQLException {
        Results.Percentiles messages = latency(3);
        Results.Percentiles readings = latency(1);

        assertThat(messages.samples()).as("messages of 3").isEqualTo(4);
        assertThat(readings.samples()).as("messages of 1").isEqualTo(12);
        // messages of 3: d + 500, 500, 800, 800 ms; each reading its own message: d + 500 ... 1,000 ms
        assertThat(messages.p50()).as("p50 from the publish to the commit").isGreaterThanOrEqualTo(650);
        assertThat(readings.p50() - messages.p50()).as("p50: d + 750 against d + 650").isCloseTo(100, within(0.01));
        assertThat(readings.p99() - messages.p99()).as("p99: d + 1,000 against d + 800").isCloseTo(200, within(0.01));
    }
}
