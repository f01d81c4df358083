package org.aicity.job.sink;

import org.aicity.job.PlatformMigrations;
import org.aicity.job.ingest.Measurement;
import org.aicity.job.sink.JdbcSettings.ReadingsWrite;
import org.aicity.testkit.TestDatabase;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The readings sink by COPY against a real PostgreSQL with the platform's core schema, and the same
 * cases by INSERT: both must store exactly the same rows.
 */
class ReadingsWriteTest {

    private static final Instant T0 = Instant.parse("2026-11-21T08:15:00Z");

    private static TestDatabase db;
    private static JdbcSettings settings;

    @BeforeAll
    static void startDatabase() throws Exception {
        db = TestDatabase.start();
        settings = JdbcSettings.of(db.jdbcUrl(), db.username(), db.password());
        PlatformMigrations.apply(db, "V1__core_schema.sql");
    }

    @AfterAll
    static void stopDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void emptyTable() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE reading");
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

    /** A writer of the sink as it runs, batches of 1,000. */
    private static final class Writer implements AutoCloseable {
        final WriteHealth health = new WriteHealth();
        final SimpleCounter written = new SimpleCounter();
        final JdbcBatchWriter<Measurement> writer;

        Writer(ReadingsWrite how) {
            writer = new JdbcBatchWriter<>(settings, "reading", JdbcSinks.readingsWrite(how), null, NO_TIMERS, written, health);
        }

        /** Writes the rows as one flush (batches of at most 1,000). */
        Writer flush(List<Measurement> rows) throws IOException, InterruptedException {
            for (Measurement m : rows) {
                writer.write(m, null);
            }
            writer.flush(false);
            return this;
        }

        @Override
        public void close() {
            writer.close();
        }
    }

    private static void write(ReadingsWrite how, List<Measurement> rows) throws Exception {
        try (Writer w = new Writer(how)) {
            w.flush(rows);
            assertThat(w.health.failedAttempts()).isZero();
        }
    }

    /** A row as stored: the value as its bits, straight from the server ({@code float8send}). */
    record Stored(String cityId, String sensorId, String metric, Instant ts, long seq, long valueBits) {
        static Stored of(Measurement m) {
            return new Stored(m.cityId(), m.sensorId(), m.metric(), m.ts(), m.seq(), Double.doubleToRawLongBits(m.value()));
        }
    }

    private static List<Stored> stored() throws SQLException {
        List<Stored> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT city_id, sensor_id, metric, ts, seq, float8send(value), ingested_at "
                 + "FROM reading ORDER BY seq, city_id, sensor_id, metric, ts")) {
            while (rs.next()) {
                assertThat(rs.getObject(7, OffsetDateTime.class)).as("ingested_at, the column's default").isNotNull();
                out.add(new Stored(rs.getString(1), rs.getString(2), rs.getString(3),
                    rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getLong(5), ByteBuffer.wrap(rs.getBytes(6)).getLong()));
            }
        }
        return out;
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Measurement row(int i) {
        return row(i, i * 0.5);
    }

    private static Measurement row(int i, double value) {
        return new Measurement("songdo", String.format("songdo-trf-%04d", i % 7), "intensity", T0.plusSeconds(i), i, value);
    }

    private static List<Measurement> rows(int from, int to) {
        return IntStream.range(from, to).mapToObj(ReadingsWriteTest::row).toList();
    }

    private static List<Stored> expected(List<Measurement> rows) {
        return rows.stream().map(Stored::of).toList();
    }

    @ParameterizedTest
    @EnumSource(ReadingsWrite.class)
    void shouldStoreEveryRowExactlyOnce(ReadingsWrite how) throws Exception {
        List<Measurement> rows = rows(0, 2_500);
        try (Writer w = new Writer(how)) {
            w.flush(rows); // batches of 1,000, 1,000 and 500

            assertThat(w.written.getCount()).isEqualTo(2_500);
            assertThat(w.health.failedAttempts()).isZero();
        }
        assertThat(stored()).isEqualTo(expected(rows));
    }

    @ParameterizedTest
    @EnumSource(ReadingsWrite.class)
    void shouldStoreTheRestOnceAndKeepStoredRowsWhenABatchOverlapsThem(ReadingsWrite how) throws Exception {
        try (Writer w = new Writer(how)) {
            w.flush(rows(0, 100));
            // a replay: rows 50..99 again (with other values, which must not replace the stored ones) and 50 new rows
            List<Measurement> replay = new ArrayList<>();
            IntStream.range(50, 100).forEach(i -> replay.add(row(i, -1)));
            replay.addAll(rows(100, 150));
            w.flush(replay);
            w.flush(rows(150, 200)); // new rows: after a batch that met stored rows
            w.flush(rows(200, 250)); // and after one that met none
            w.flush(rows(240, 260)); // a second replay on the same connection
            w.flush(rows(260, 300));

            assertThat(w.health.failedAttempts()).as("a batch meeting stored rows is no failed attempt").isZero();
            assertThat(w.health.outages()).isZero();
            assertThat(w.written.getCount()).isEqualTo(100 + 100 + 50 + 50 + 20 + 40);
        }
        assertThat(stored()).isEqualTo(expected(rows(0, 300)));
    }

    @ParameterizedTest
    @EnumSource(ReadingsWrite.class)
    void shouldStoreTheFirstOfTheSameReadingTwiceInOneBatch(ReadingsWrite how) throws Exception {
        write(how, List.of(row(1), row(2), row(1, 99), row(3), row(2, 98)));

        assertThat(stored()).isEqualTo(expected(List.of(row(1), row(2), row(3))));
    }

    @ParameterizedTest
    @EnumSource(ReadingsWrite.class)
    void shouldStoreValuesBitForBit(ReadingsWrite how) throws Exception {
        double[] values = {0.1, 0.2 + 0.1, 1.0 / 3, 1e-300, -1e-300, 0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE,
            Double.MIN_NORMAL, 2.5e-310, Double.MAX_VALUE, -Double.MAX_VALUE, 9007199254740993.0, 123456789.123456789,
            Math.PI * 1e300, -Math.E, 1e22, 4.35, 100};
        List<Measurement> rows = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            rows.add(row(i, values[i]));
        }
        write(how, rows);

        assertThat(stored()).isEqualTo(expected(rows));
    }

    @ParameterizedTest
    @EnumSource(ReadingsWrite.class)
    void shouldStoreTextWithCharactersThatCopyFormatsTreatSpecially(ReadingsWrite how) throws Exception {
        String[] ids = {"tab\there", "new\nline", "carriage\rreturn", "back\\slash", "\\N", "\\.", "\\", "quote'\"",
            "comma,semicolon;pipe|", "é, 한글, ñ", "traffic light \uD83D\uDEA6", "", " spaces ", "x".repeat(1_000), "\u0001\u007f"};
        List<Measurement> rows = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            rows.add(new Measurement("city " + ids[i], ids[i], "metric " + ids[i], T0, i, i));
        }
        write(how, rows);

        assertThat(stored()).isEqualTo(expected(rows));
    }

    /**
     * Rows stored by one way of writing are the same keys for the other (readings written by INSERT
     * before an upgrade and replayed by COPY after it): timestamps round to microseconds alike.
     */
    @Test
    void shouldStoreTheSameKeysAsTheInsertPath() throws Exception {
        List<Instant> times = List.of(T0, T0.plusNanos(1_000), T0.plusNanos(499), T0.plusNanos(500), T0.plusNanos(1_499),
            T0.plusNanos(999_999_500), T0.plusNanos(123_456_789), Instant.parse("1999-12-31T23:59:59.999999500Z"),
            Instant.parse("1999-12-31T23:59:59.999999499Z"), Instant.parse("2000-01-01T00:00:00Z"),
            Instant.parse("1969-12-31T23:59:59.999999501Z"), Instant.parse("1901-06-01T12:00:00.000000700Z"),
            Instant.parse("2100-02-28T23:59:59.999999999Z"));
        List<Measurement> rows = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            rows.add(new Measurement("songdo", "s", "m", times.get(i), i, i));
        }
        rows.add(new Measurement("songdo", "s", "m", T0, Long.MAX_VALUE, 1));
        rows.add(new Measurement("songdo", "s", "m", T0, Long.MIN_VALUE, 2));

        write(ReadingsWrite.INSERT, rows);
        List<Stored> byInsert = stored();
        write(ReadingsWrite.COPY, rows);
        assertThat(stored()).as("COPY after INSERT adds nothing").isEqualTo(byInsert);

        emptyTable();
        write(ReadingsWrite.COPY, rows);
        assertThat(stored()).as("COPY stores what INSERT stores").isEqualTo(byInsert);
        write(ReadingsWrite.INSERT, rows);
        assertThat(stored()).as("INSERT after COPY adds nothing").isEqualTo(byInsert);
        assertThat(byInsert).filteredOn(r -> r.seq() == 3).extracting(Stored::ts).as("half a microsecond rounds up")
            .containsExactly(T0.plusNanos(1_000));
        assertThat(byInsert).filteredOn(r -> r.seq() == 5).extracting(Stored::ts).containsExactly(T0.plusSeconds(1));
    }

    @ParameterizedTest
    @EnumSource(ReadingsWrite.class)
    void shouldFailAtOnceOnARowTheTableRefuses(ReadingsWrite how) throws Exception {
        try (Writer w = new Writer(how)) {
            w.writer.write(row(1), null);
            w.writer.write(new Measurement("songdo", "s", null, T0, 2, 2), null);

            assertThatThrownBy(() -> w.writer.flush(false)).isInstanceOf(IOException.class)
                .hasMessageContaining("failed with an error that retrying cannot cure")
                .hasMessageContaining("null value in column \"metric\"")
                .hasMessageContaining("[SQLState 23502]");
            assertThat(w.health.failedAttempts()).isEqualTo(1);
        }
        assertThat(count("SELECT count(*) FROM reading")).isZero();
    }

    @Test
    void shouldRetryABatchOnANewConnectionWhenTheDatabaseDroppedTheOldOne() throws Exception {
        try (Writer w = new Writer(ReadingsWrite.COPY)) {
            w.flush(rows(0, 10));
            assertThat(count("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM pg_stat_activity "
                + "WHERE application_name = 'aicity-stream-job'")).isEqualTo(1);
            w.flush(rows(10, 20));

            assertThat(w.health.failedAttempts()).isEqualTo(1);
            assertThat(w.health.outages()).isEqualTo(1);
            assertThat(w.health.retrying()).isFalse();
            assertThat(w.health.lastError()).containsPattern("SQLState (08|57)");
        }
        assertThat(stored()).isEqualTo(expected(rows(0, 20)));
    }

    @Test
    void shouldRoundNanosecondsToMicrosecondsSincePostgresEpoch() throws Exception {
        assertThat(BinaryCopyBuffer.pgMicros(Instant.parse("2000-01-01T00:00:00Z"))).isZero();
        assertThat(BinaryCopyBuffer.pgMicros(Instant.parse("2000-01-01T00:00:00.000001499Z"))).isEqualTo(1);
        assertThat(BinaryCopyBuffer.pgMicros(Instant.parse("2000-01-01T00:00:00.000001500Z"))).isEqualTo(2);
        assertThat(BinaryCopyBuffer.pgMicros(Instant.parse("1999-12-31T23:59:59.999999Z"))).isEqualTo(-1);
        assertThat(BinaryCopyBuffer.pgMicros(Instant.parse("1970-01-01T00:00:00Z"))).isEqualTo(-946_684_800_000_000L);
        assertThatThrownBy(() -> BinaryCopyBuffer.pgMicros(Instant.MAX)).isInstanceOf(SQLException.class)
            .hasFieldOrPropertyWithValue("SQLState", "22008");
    }

    @Test
    void shouldWriteReadingsByCopyUnlessToldOtherwise() {
        JdbcSettings s = JdbcSettings.of("jdbc:postgresql://localhost/aicity", "u", "p");

        assertThat(s.readingsWrite()).isEqualTo(ReadingsWrite.COPY);
        assertThat(new JdbcSettings(s.url(), "u", "p", 10, Duration.ofSeconds(1), Duration.ZERO).readingsWrite())
            .isEqualTo(ReadingsWrite.COPY);
        assertThat(s.withReadingsWrite(ReadingsWrite.INSERT).withRetryTimeout(Duration.ZERO).readingsWrite())
            .isEqualTo(ReadingsWrite.INSERT);
        assertThat(ReadingsWrite.parse(" Insert ")).isEqualTo(ReadingsWrite.INSERT);
        assertThat(ReadingsWrite.parse("copy")).isEqualTo(ReadingsWrite.COPY);
        assertThatThrownBy(() -> ReadingsWrite.parse("upsert")).hasMessage("readings write must be copy or insert, got 'upsert'");
        assertThat(JdbcSinks.readingsWrite(ReadingsWrite.COPY)).isInstanceOf(ReadingCopyWrite.class);
        assertThat(JdbcSinks.readingsWrite(ReadingsWrite.INSERT)).isInstanceOf(InsertBatchWrite.class);
        assertThat(s.toString()).endsWith("readingsWrite=COPY]");
    }
}
