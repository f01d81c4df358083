package org.aicity.bench;

import org.aicity.testkit.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PostgresActivity} against a real PostgreSQL: a checkpoint, the WAL of a million rows, and an
 * autovacuum of the table they went into are all seen. The server's launcher looks every second
 * here (it is once a minute by default) and the table asks for a vacuum after 1,000 inserts.
 */
class PostgresActivityTest {

    private static TestDatabase db;

    @BeforeAll
    static void start() {
        db = TestDatabase.start(Map.of("autovacuum_naptime", "1s"));
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void seesTheCheckpointsTheWalAndTheAutovacuumOfAStep() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE activity_rows (id bigint, v double precision) WITH (autovacuum_vacuum_insert_threshold = 1000, "
                + "autovacuum_vacuum_insert_scale_factor = 0, autovacuum_analyze_threshold = 1000000000)");
        }
        int version;
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version_num")) {
            rs.next();
            version = Integer.parseInt(rs.getString(1));
        }

        PostgresActivity activity = PostgresActivity.start(db.dataSource(), 50);
        Results.PostgresWork work;
        try {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO activity_rows SELECT n, n / 7.0 FROM generate_series(1, 1000000) n");
                s.execute("CHECKPOINT");
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!vacuumed() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(vacuumed()).as("autovacuum ran on the table within 60 s").isTrue();
            work = activity.stop(1_000_000);
        } finally {
            activity.close();
        }

        assertThat(work.checkpoints()).as("the CHECKPOINT at least").isGreaterThanOrEqualTo(1);
        assertThat(work.walBytesPerReading()).as("a row of two columns, logged").isBetween(30.0, 1_000.0);
        assertThat(work.fullPageImagesPerThousand()).isNotNull().isGreaterThanOrEqualTo(0.0);
        assertThat(work.autovacuumSecondsByTask()).as("the sampler saw the vacuum of the table")
            .hasKeySatisfying(new org.assertj.core.api.Condition<>(k -> k.contains("activity_rows"), "names activity_rows"));
        assertThat(work.autovacuumSeconds()).isPositive();
        if (version >= 180_000) {
            // a fresh server writing over 50 MB of WAL starts new segment files before it can recycle any
            assertThat(work.walFilesZeroFilled()).isGreaterThanOrEqualTo(1);
        } else {
            assertThat(work.walFilesZeroFilled()).isNull();
        }
    }

    /** Whether an autovacuum of the table has finished (the sampler may have seen it running before). */
    private static boolean vacuumed() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT autovacuum_count FROM pg_stat_user_tables WHERE relname = 'activity_rows'")) {
            return rs.next() && rs.getLong(1) > 0;
        }
    }
}
