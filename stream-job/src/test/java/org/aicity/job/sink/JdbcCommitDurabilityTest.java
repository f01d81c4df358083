package org.aicity.job.sink;

import org.aicity.job.PlatformMigrations;
import org.aicity.job.ingest.ValidReading;
import org.aicity.job.sink.JdbcSettings.ReadingsWrite;
import org.aicity.testkit.TestDatabase;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Full batches commit without waiting for the disk; a checkpoint makes them durable before it
 * completes, and a broken connection before that fails the job instead of retrying. Real PostgreSQL.
 */
class JdbcCommitDurabilityTest {

    private static final Instant T0 = Instant.parse("2026-12-06T05:00:00Z");
    private static final int BATCH = 10;
    private static TestDatabase db;

    @BeforeAll
    static void startDatabase() throws Exception {
        // durable like a production server, unlike the test default: a durable commit really flushes
        db = TestDatabase.start(Map.of("fsync", "on", "synchronous_commit", "on"));
        assertThat(text("SHOW fsync") + "," + text("SHOW synchronous_commit")).isEqualTo("on,on");
        PlatformMigrations.apply(db, "V1__core_schema.sql");
        PlatformMigrations.apply(db, "V11__one_row_per_reading.sql");
        PlatformMigrations.apply(db, "V12__readings_keyed_by_sensor_number.sql");
        PlatformMigrations.apply(db, "V13__readings_name_metrics_by_set_number.sql");
    }

    @AfterAll
    static void stopDatabase() {
        if (db != null) {
            db.close();
        }
    }

    private static final ProcessingTimeService NO_TIMERS = new ProcessingTimeService() {
        @Override
        public long getCurrentProcessingTime() {
            return 0;
        }

        @Override
        public ScheduledFuture<?> registerTimer(long time, ProcessingTimeCallback callback) {
            return null; // batches are written when full or by flush()
        }
    };

    @BeforeEach
    void emptyTable() throws Exception {
        sql("TRUNCATE reading");
    }

    private static JdbcBatchWriter<ValidReading> writer(ReadingsWrite how, WriteHealth health) {
        JdbcSettings settings = new JdbcSettings(db.jdbcUrl(), db.username(), db.password(), BATCH,
            JdbcSettings.DEFAULT_FLUSH_INTERVAL, JdbcSettings.DEFAULT_RETRY_TIMEOUT, how);
        return new JdbcBatchWriter<>(settings, "reading", JdbcSinks.readingsWrite(how), null, NO_TIMERS,
            new SimpleCounter(), health);
    }

    private static void write(JdbcBatchWriter<ValidReading> writer, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            writer.write(new ValidReading("songdo", "songdo-trf-0001", T0.plusSeconds(i), i,
                new String[] {"intensity", "occupancy"}, new double[] {i, i / 1000.0}), null);
        }
    }

    @ParameterizedTest
    @EnumSource(ReadingsWrite.class)
    void shouldCommitFullBatchesAtOnceAndHaveTheServerFlushThemBeforeTheCheckpointCompletes(ReadingsWrite how) throws Exception {
        JdbcBatchWriter<ValidReading> writer = writer(how, new WriteHealth());
        write(writer, 0, 25);

        // two full batches committed and visible, the last 5 rows still buffered
        assertThat(count()).isEqualTo(20);
        assertThat(writer.unconfirmedCommits()).isEqualTo(2);
        String afterCommits = text("SELECT pg_current_wal_insert_lsn()::text");

        writer.flush(false);

        assertThat(count()).isEqualTo(25);
        assertThat(writer.unconfirmedCommits()).isZero();
        assertThat(text("SELECT (pg_current_wal_flush_lsn() >= '" + afterCommits + "'::pg_lsn)::text")).isEqualTo("true");
        writer.close();
    }

    @ParameterizedTest
    @EnumSource(ReadingsWrite.class)
    void shouldWaitForTheServersFlushWhenTheCheckpointHasNoRowsOfItsOwn(ReadingsWrite how) throws Exception {
        JdbcBatchWriter<ValidReading> writer = writer(how, new WriteHealth());
        write(writer, 0, 2 * BATCH); // the buffer is empty again after the second full batch
        assertThat(writer.unconfirmedCommits()).isEqualTo(2);
        String afterCommits = text("SELECT pg_current_wal_insert_lsn()::text");

        writer.flush(false);

        assertThat(writer.unconfirmedCommits()).isZero();
        assertThat(text("SELECT (pg_current_wal_flush_lsn() >= '" + afterCommits + "'::pg_lsn)::text")).isEqualTo("true");
        assertThat(count()).isEqualTo(2 * BATCH);
        writer.flush(false); // nothing left to confirm or write
        assertThat(count()).isEqualTo(2 * BATCH);
        writer.close();
    }

    @ParameterizedTest
    @EnumSource(ReadingsWrite.class)
    void shouldFailTheJobInsteadOfRetryingWhenTheConnectionBreaksBeforeACheckpointConfirmedItsCommits(ReadingsWrite how)
        throws Exception {
        WriteHealth health = new WriteHealth();
        JdbcBatchWriter<ValidReading> writer = writer(how, health);
        write(writer, 0, BATCH);
        assertThat(writer.unconfirmedCommits()).isEqualTo(1);
        assertThat(terminateWriterSessions()).isEqualTo(1);
        write(writer, BATCH, BATCH + 1);

        assertThatThrownBy(() -> writer.flush(false)).isInstanceOf(IOException.class)
            .hasMessageStartingWith("writing to reading failed (")
            .hasMessageContaining("after 1 commit(s) that did not wait for the database's disk")
            .hasMessageEndingWith("the job restarts from its last checkpoint and the broker delivers those readings again");
        assertThat(health.failedAttempts()).isEqualTo(1);
        writer.close();
    }

    @ParameterizedTest
    @EnumSource(ReadingsWrite.class)
    void shouldRetryABrokenConnectionAsBeforeOnceTheCheckpointHasConfirmedEveryCommit(ReadingsWrite how) throws Exception {
        WriteHealth health = new WriteHealth();
        JdbcBatchWriter<ValidReading> writer = writer(how, health);
        write(writer, 0, BATCH + 3);
        writer.flush(false);
        assertThat(writer.unconfirmedCommits()).isZero();
        assertThat(terminateWriterSessions()).isEqualTo(1);
        write(writer, BATCH + 3, BATCH + 5);

        writer.flush(false);

        assertThat(count()).isEqualTo(BATCH + 5);
        assertThat(health.failedAttempts()).isEqualTo(1);
        assertThat(health.retrying()).isFalse();
        writer.close();
    }

    private static long terminateWriterSessions() throws Exception {
        return Long.parseLong(text("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM pg_stat_activity "
            + "WHERE application_name = 'aicity-stream-job'"));
    }

    private static long count() throws Exception {
        return Long.parseLong(text("SELECT count(*) FROM reading"));
    }

    private static String text(String query) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
