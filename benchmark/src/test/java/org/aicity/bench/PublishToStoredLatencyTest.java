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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The benchmark's publish→stored latency against a real PostgreSQL: a message counts from its
 * publish, its last reading's time, not from each reading's own time.
 */
class PublishToStoredLatencyTest {

    private static TestDatabase db;

    @BeforeAll
    static void start() throws SQLException {
        db = TestDatabase.start();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE reading (sensor_id text, ts timestamptz, seq bigint, ingested_at timestamptz)");
            // two sensors, readings k = 0..5 (seq 7000 + k) every 100 ms from 12:00:00, all stored at 12:00:01;
            // in messages of 3 they were published at 12:00:00.2 (k = 0..2) and 12:00:00.5 (k = 3..5)
            s.execute("""
                INSERT INTO reading
                SELECT 'sensor-' || n, timestamptz '2026-12-06 12:00:00Z' + k * interval '100 ms', 7000 + k,
                       timestamptz '2026-12-06 12:00:01Z'
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
    void countsEachMessageFromItsPublishWhichIsItsLastReadingsTime() throws SQLException {
        double[] l = latency(3);

        assertThat(l[0]).as("messages").isEqualTo(4);
        // 500, 500, 800, 800 ms; from each reading's own time it would have been 500 to 1,000
        assertThat(l[1]).isCloseTo(650, within(0.01));
        assertThat(l[3]).isCloseTo(800, within(10.0));
    }

    @Test
    void countsEveryReadingWhenEachIsItsOwnMessage() throws SQLException {
        double[] l = latency(1);

        assertThat(l[0]).isEqualTo(12);
        assertThat(l[1]).isCloseTo(750, within(0.01)); // 500 to 1,000 ms, each reading its own message
        assertThat(l[3]).isCloseTo(1000, within(10.0));
    }
}
