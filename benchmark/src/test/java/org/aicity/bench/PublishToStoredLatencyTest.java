package org.aicity.bench;

import org.aicity.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

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
        db = TestDatabase.start(Map.of("track_commit_timestamp", BenchmarkCli.MEASURING_TEXT.split("=")[1]));
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE reading (sensor_id text, ts timestamptz, seq bigint)");
            // two sensors, readings k = 0..5 (seq 7000 + k) every 100 ms from 1 s before the transaction
            // began, committed together d ms after it began; in messages of 3 they were published
            // 800 ms (k = 0..2) and 500 ms (k = 3..5) before it
            s.execute("""
                INSERT INTO reading
                SELECT 'sensor-' || n, now() - interval '1 s' + k * interval '100 ms', 7000 + k
                FROM generate_series(1, 2) n, generate_series(0, 5) k""");
        }
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    /** [count, p50, p95, p99] in ms. */
    private static double[] latency(int batch) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(BenchmarkCli.PUBLISH_TO_STORED)) {
            ps.setInt(1, batch);
            ps.setInt(2, batch - 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new double[] {rs.getLong(1), rs.getDouble(2) * 1000, rs.getDouble(3) * 1000, rs.getDouble(4) * 1000};
            }
        }
    }

    @Test
    void countsEachMessageFromItsPublishWhichIsItsLastReadingsTimeToItsCommit() throws SQLException {
        double[] messages = latency(3);
        double[] readings = latency(1);

        assertThat(messages[0]).as("messages of 3").isEqualTo(4);
        assertThat(readings[0]).as("messages of 1").isEqualTo(12);
        // messages of 3: d + 500, 500, 800, 800 ms; each reading its own message: d + 500 ... 1,000 ms
        assertThat(messages[1]).as("p50 from the publish to the commit").isGreaterThanOrEqualTo(650);
        assertThat(readings[1] - messages[1]).as("p50: d + 750 against d + 650").isCloseTo(100, within(0.01));
        assertThat(readings[3] - messages[3]).as("p99: d + 1,000 against d + 800").isCloseTo(200, within(0.01));
    }
}
