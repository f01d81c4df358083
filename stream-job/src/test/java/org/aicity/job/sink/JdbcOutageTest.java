package org.aicity.job.sink;

import org.aicity.job.PlatformMigrations;
import org.aicity.job.ingest.ValidReading;
import org.aicity.job.sink.JdbcSettings.ReadingsWrite;
import org.aicity.testkit.TestDatabase;
import org.aicity.testkit.TestPorts;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The writer through database outages: it retries, reports the outage, and gives up only when it must. */
class JdbcOutageTest {

    private static final Instant T0 = Instant.parse("2026-11-21T08:15:00Z");
    private static TestDatabase db;

    @BeforeAll
    static void startDatabase() throws Exception {
        db = TestDatabase.start();
        PlatformMigrations.apply(db, "V1__core_schema.sql");
        PlatformMigrations.apply(db, "V11__one_row_per_reading.sql");
        PlatformMigrations.apply(db, "V12__readings_keyed_by_sensor_number.sql"); // keyed by sensor number
        PlatformMigrations.apply(db, "V13__readings_name_metrics_by_set_number.sql"); // metrics named by set number
        PlatformMigrations.apply(db, "V14__readings_without_sensor_texts.sql"); // the sensor by number only
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
            return null; // the tests flush explicitly
        }
    };

    private static ValidReading row(int i) {
        return new ValidReading("songdo", "songdo-trf-0001", T0.plusSeconds(i), i, new String[] {"intensity", "occupancy"},
            new double[] {i, i / 1000.0});
    }

    @BeforeEach
    void emptyTable() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE reading");
        }
    }

    @ParameterizedTest
    @EnumSource(ReadingsWrite.class)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldRetryThroughAnOutageAndStoreTheBatchWhenTheDatabaseIsBack(ReadingsWrite how) throws Exception {
        WriteHealth health = new WriteHealth();
        JdbcBatchWriter<ValidReading> writer = new JdbcBatchWriter<>(JdbcSettings.of(db.jdbcUrl(), db.username(), db.password()),
            "reading", JdbcSinks.readingsWrite(how), null, NO_TIMERS, new SimpleCounter(), health);
        writer.write(row(1), null);
        writer.flush(false); // connected and healthy before the outage

        db.stop();
        CompletableFuture<Void> flushed = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 2; i <= 100; i++) {
                    writer.write(row(i), null);
                }
                writer.flush(false);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await("the writer reports the outage", Duration.ofSeconds(30), () -> health.failedAttempts() >= 2);
        assertThat(health.retrying()).isTrue();
        assertThat(flushed).isNotDone();
        db.restart();

        flushed.get(60, TimeUnit.SECONDS);
        writer.close();
        assertThat(count()).isEqualTo(100);
        assertThat(health.retrying()).isFalse();
        assertThat(health.outages()).isEqualTo(1);
        // refused (08001) while down; "starting up" (57P03) if an attempt met the server coming back
        assertThat(health.lastError()).containsPattern("SQLState (08|57)");
    }

    @ParameterizedTest
    @EnumSource(ReadingsWrite.class)
    void shouldGiveUpAfterTheRetryTimeoutSoTheJobRestartsFromItsCheckpoint(ReadingsWrite how) throws Exception {
        // below the range of outgoing connections' local ports, so no attempt can connect to itself
        int closedPort = TestPorts.free();
        AtomicLong nanos = new AtomicLong();
        WriteHealth health = new WriteHealth();
        JdbcSettings settings = JdbcSettings.of("jdbc:postgresql://127.0.0.1:" + closedPort + "/aicity", "u", "p")
            .withRetryTimeout(Duration.ofMinutes(1));
        JdbcBatchWriter<ValidReading> writer = new JdbcBatchWriter<>(settings, "reading", JdbcSinks.readingsWrite(how),
            null, NO_TIMERS, new SimpleCounter(), health, nanos::get,
            millis -> nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis)));
        writer.write(row(1), null);

        assertThatThrownBy(() -> writer.flush(false)).isInstanceOf(IOException.class)
            .hasMessageStartingWith("writing 1 rows to reading has failed for 61 s (35 attempts")
            .hasMessageContaining("retry timeout PT1M")
            .hasMessageContaining("Connection to 127.0.0.1:" + closedPort + " refused")
            .hasMessageEndingWith("the job restarts from its last checkpoint, nothing acknowledged is lost");
        // pauses double from 100 ms to 2 s: after 0.1 + 0.2 + 0.4 + 0.8 + 1.6 + 2 x 29 = 61.1 s the 35th attempt is past the timeout
        assertThat(health.failedAttempts()).isEqualTo(35);
        assertThat(health.retrying()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ReadingsWrite.class)
    void shouldFailAtOnceOnAnErrorThatRetryingCannotCure(ReadingsWrite how) throws Exception {
        WriteHealth health = new WriteHealth();
        BatchWrite<ValidReading> method = how == ReadingsWrite.COPY ? new ReadingCopyWrite("no_such_table")
            : new InsertBatchWrite<>(JdbcSinks.READING_SQL.replace("INTO reading", "INTO no_such_table"), JdbcSinks::bindReading);
        JdbcBatchWriter<ValidReading> writer = new JdbcBatchWriter<>(JdbcSettings.of(db.jdbcUrl(), db.username(), db.password()),
            "no_such_table", method, null, NO_TIMERS, new SimpleCounter(), health);
        writer.write(row(1), null);

        assertThatThrownBy(() -> writer.flush(false)).isInstanceOf(IOException.class)
            .hasMessageContaining("failed with an error that retrying cannot cure")
            .hasMessageContaining("relation \"no_such_table\" does not exist");
        assertThat(health.failedAttempts()).isEqualTo(1);
        writer.close();
    }

    @Test
    void shouldDescribeAFailedBatchByItsCauseNotByItsStatementFullOfValues() {
        java.sql.BatchUpdateException batch = new java.sql.BatchUpdateException("Batch entry 0 INSERT INTO reading VALUES "
            + "(('songdo'), ('songdo-trf-0001'), ...)\nON CONFLICT DO NOTHING was aborted", "57P01", new int[0]);
        batch.setNextException(new java.sql.SQLException("FATAL: terminating connection due to administrator command", "57P01"));

        assertThat(JdbcBatchWriter.describe(batch)).isEqualTo("FATAL: terminating connection due to administrator command [SQLState 57P01]");
        assertThat(JdbcBatchWriter.describe(new java.sql.SQLException("x".repeat(400), "08006"))).hasSize(300 + " [SQLState 08006]".length());
    }

    private static long count() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM reading")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within " + timeout).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
