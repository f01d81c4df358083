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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
        settings = new JdbcSettings(db.jdbcUrl(), db.username(), db.password(), 1_000, JdbcSettings.DEFAULT_FLUSH_INTERVAL,
            JdbcSettings.DEFAULT_RETRY_TIMEOUT); // batches of 1,000
        PlatformMigrations.apply(db, "V1__core_schema.sql");
        PlatformMigrations.apply(db, "V11__one_row_per_reading.sql"); // one row per reading
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

    @BeforeEach
    void emptyTable() throws Exception {
        // a closed connection's server process ends a moment later, and its temporary table with it;
        // tests that count sessions or stage tables must not see an earlier test's
        await("no writer session of an earlier test", () -> count("SELECT count(*) FROM pg_stat_activity "
            + "WHERE application_name = 'aicity-stream-job'") == 0 && stageTables() == 0);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE reading");
            s.execute("TRUNCATE sensor_key RESTART IDENTITY");
            s.execute("TRUNCATE metric_set RESTART IDENTITY");
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
        final JdbcBatchWriter<ValidReading> writer;

        Writer(ReadingsWrite how) {
            this(how, settings);
        }

        Writer(ReadingsWrite how, JdbcSettings with) {
            writer = new JdbcBatchWriter<>(with, "reading", JdbcSinks.readingsWrite(how), null, NO_TIMERS, written, health);
        }

        /** Writes the rows as one flush (batches of at most 1,000). */
        Writer flush(List<ValidReading> rows) throws IOException, InterruptedException {
            for (ValidReading r : rows) {
                writer.write(r, null);
            }
            writer.flush(false);
            return this;
        }

        @Override
        public void close() {
            writer.close();
        }
    }

    private static void write(ReadingsWrite how, List<ValidReading> rows) throws Exception {
        try (Writer w = new Writer(how)) {
            w.flush(rows);
            assertThat(w.health.failedAttempts()).isZero();
        }
    }

    /**
     * A reading as stored: its key and its metrics, element by element in array order, each value
     * as its bits straight from the server ({@code float8send}).
     */
    record Stored(String cityId, String sensorId, Instant ts, long seq, List<String> metrics, List<Long> valueBits) {
        static Stored of(ValidReading r) {
            List<Long> bits = new ArrayList<>();
            for (double v : r.values()) {
                bits.add(Double.doubleToRawLongBits(v));
            }
            return new Stored(r.cityId(), r.sensorId(), r.ts(), r.seq(), List.of(r.metrics()), bits);
        }
    }

    /**
     * Every row, its city and sensor id those of its {@code sensor_key}, its arrays read element by element on the server ({@code unnest ... WITH
     * ORDINALITY}), so no array literal is parsed on the way; each array must be one-dimensional,
     * start at 1 and be as long as the other.
     */
    private static List<Stored> stored() throws SQLException {
        List<Stored> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                 SELECT k.city_id, k.sensor_id, r.ts, r.seq, r.ingested_at,
                        array_ndims(ms.names), array_lower(ms.names, 1), cardinality(ms.names),
                        array_ndims(r.metric_values), array_lower(r.metric_values, 1), cardinality(r.metric_values),
                        m.i, m.name, float8send(m.value)
                   FROM reading r
                   JOIN sensor_key k ON k.key = r.sensor_key
                   JOIN metric_set ms ON ms.id = r.metric_set
                   LEFT JOIN LATERAL unnest(ms.names, r.metric_values) WITH ORDINALITY AS m(name, value, i) ON true
                  ORDER BY r.seq, k.city_id, k.sensor_id, r.ts, m.i""")) {
            Stored current = null;
            while (rs.next()) {
                String cityId = rs.getString(1);
                String sensorId = rs.getString(2);
                Instant ts = rs.getObject(3, OffsetDateTime.class).toInstant();
                long seq = rs.getLong(4);
                if (current == null || !(current.seq() == seq && current.cityId().equals(cityId)
                        && current.sensorId().equals(sensorId) && current.ts().equals(ts))) {
                    assertThat(rs.getObject(5, OffsetDateTime.class)).as("ingested_at, the column's default").isNotNull();
                    int names = rs.getInt(8);
                    assertThat(rs.getInt(11)).as("values as many as names").isEqualTo(names);
                    if (names > 0) {
                        assertThat(List.of(rs.getInt(6), rs.getInt(7), rs.getInt(9), rs.getInt(10)))
                            .as("dimensions and lower bounds of both arrays").containsExactly(1, 1, 1, 1);
                    }
                    current = new Stored(cityId, sensorId, ts, seq, new ArrayList<>(), new ArrayList<>());
                    out.add(current);
                }
                if (rs.getObject(12) != null) {
                    assertThat(rs.getInt(12)).as("ordinality").isEqualTo(current.metrics().size() + 1);
                    current.metrics().add(rs.getString(13));
                    current.valueBits().add(ByteBuffer.wrap(rs.getBytes(14)).getLong());
                }
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

    /** Metric names of the rows of {@link #row}: a reading has the first 1 to 5 of them. */
    private static final String[] NAMES = {"intensity", "averageVehicleSpeed", "occupancy", "congestionLevel", "queueLength"};

    private static ValidReading row(int i) {
        return row(i, i * 0.5);
    }

    /** Reading i: of sensor i % 7, with 1 + i % 5 metrics, valued from {@code value} up in steps of 0.25. */
    private static ValidReading row(int i, double value) {
        int n = 1 + i % NAMES.length;
        double[] values = new double[n];
        for (int k = 0; k < n; k++) {
            values[k] = value + k * 0.25;
        }
        return new ValidReading("songdo", String.format("songdo-trf-%04d", i % 7), T0.plusSeconds(i), i,
            Arrays.copyOf(NAMES, n), values);
    }

    private static ValidReading reading(String sensorId, long seq, String[] metrics, double... values) {
        return new ValidReading("songdo", sensorId, T0.plusSeconds(seq), seq, metrics, values);
    }

    private static List<ValidReading> concat(List<ValidReading> a, List<ValidReading> b) {
        List<ValidReading> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<ValidReading> rows(int from, int to) {
        return IntStream.range(from, to).mapToObj(ReadingsWriteTest::row).toList();
    }

    /** As {@link #stored()} lists them: by seq (the tests' readings differ in seq but where said otherwise). */
    private static List<Stored> expected(List<ValidReading> rows) {
        return rows.stream().map(Stored::of).sorted(Comparator.comparingLong(Stored::seq)).toList();
    }

    /** Whether the writing session has made its temporary stage table (COPY's way of writing a replay). */
    private static long stageTables() throws SQLException {
        return count("SELECT count(*) FROM pg_class WHERE relname = 'reading_stage' AND relpersistence = 't'");
    }

    @ParameterizedTest
    @EnumSource(ReadingsWrite.class)
    void shouldStoreEveryRowExactlyOnce(ReadingsWrite how) throws Exception {
        List<ValidReading> rows = rows(0, 2_500);
        try (Writer w = new Writer(how)) {
            w.flush(rows); // batches of 1,000, 1,000 and 500

            assertThat(w.written.getCount()).isEqualTo(2_500);
            assertThat(w.health.failedAttempts()).isZero();
        }
        assertThat(stored()).isEqualTo(expected(rows));
        assertThat(count("SELECT count(*) FROM reading")).as("one row per reading").isEqualTo(2_500);
    }

    @ParameterizedTest
    @EnumSource(ReadingsWrite.class)
    void shouldStoreTheRestOnceAndKeepStoredRowsWhenABatchOverlapsThem(ReadingsWrite how) throws Exception {
        try (Writer w = new Writer(how)) {
            w.flush(rows(0, 100));
            // a replay: rows 50..99 again (with other values, which must not replace the stored ones) and 50 new rows
            List<ValidReading> replay = new ArrayList<>();
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

    /**
     * Readings of 1, 3, 5 and 32 metrics (the most the codec accepts), in the order the reading
     * gave them, non-ASCII names and ids, and values the text formats tend to get wrong: each
     * reading is one row whose arrays hold exactly its metrics, index by index.
     */
    @ParameterizedTest
    @EnumSource(ReadingsWrite.class)
    void shouldStoreEachReadingAsOneRowWithItsMetricsInOrder(ReadingsWrite how) throws Exception {
        List<ValidReading> readings = List.of(
            reading("songdo-trf-0001", 1, new String[] {"intensity"}, 42),
            reading("songdo-trf-0001", 2, new String[] {"intensity", "averageVehicleSpeed", "occupancy"}, 12, 38.5, 0.25),
            reading("songdo-air-0007", 3, new String[] {"pm25", "pm10", "no2", "o3", "co"}, -0.0, 0.0, Double.MIN_VALUE,
                1.0 / 3, -1e300),
            reading("songdo-air-0007", 4, new String[] {"o3", "co", "pm25", "no2", "pm10"}, 5, 4, 3, 2, 1),
            reading("songdo-mtr-0032", 5, IntStream.range(0, 32).mapToObj(k -> String.format("m%02d", k)).toArray(String[]::new),
                IntStream.range(0, 32).mapToDouble(k -> k * 1.1 - 16).toArray()),
            reading("capteur-été", 6, new String[] {"débit", "교통량", "traffic light \uD83D\uDEA6"}, 1, 2, 3));
        write(how, readings);

        assertThat(stored()).isEqualTo(expected(readings));
        assertThat(count("SELECT count(*) FROM reading")).isEqualTo(readings.size());
        // the arrays start at 1, so metric_values[i] is the value of the set's names[i]
        assertThat(count("SELECT count(*) FROM reading r JOIN metric_set ms ON ms.id = r.metric_set WHERE seq = 2 AND ms.names[2] = 'averageVehicleSpeed' "
            + "AND metric_values[2] = 38.5 AND metric_values[3] = 0.25")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM reading r JOIN metric_set ms ON ms.id = r.metric_set WHERE seq = 6 AND ms.names[2] = '교통량' AND metric_values[2] = 2"))
            .isEqualTo(1);
        // the API's query (V11): one point per metric
        assertThat(count("SELECT count(*) FROM reading r JOIN metric_set ms ON ms.id = r.metric_set, unnest(ms.names, r.metric_values) AS m(metric, value)"))
            .isEqualTo(1 + 3 + 5 + 5 + 32 + 3);
        assertThat(count("SELECT count(*) FROM reading r JOIN metric_set ms ON ms.id = r.metric_set, unnest(ms.names, r.metric_values) AS m(metric, value) "
            + "WHERE m.metric = 'm31' AND m.value = " + (31 * 1.1 - 16))).isEqualTo(1);
    }

    /**
     * A replay (a batch meeting stored readings, which COPY writes through its temporary stage table
     * and {@code INSERT ... ON CONFLICT DO NOTHING}) stores each new reading once with its arrays as
     * they were, and keeps the stored ones, arrays and all, even where the replayed ones differ.
     */
    @ParameterizedTest
    @EnumSource(ReadingsWrite.class)
    void shouldKeepEveryArrayIntactThroughAReplay(ReadingsWrite how) throws Exception {
        String[] three = {"intensity", "averageVehicleSpeed", "occupancy"};
        List<ValidReading> first = List.of(
            reading("songdo-trf-0001", 1, new String[] {"intensity"}, 1),
            reading("songdo-trf-0001", 2, three, 2, -0.0, 0.5),
            reading("songdo-air-0007", 3, new String[] {"pm25", "pm10", "no2", "o3", "co"}, 3, 4, 5, 6, 7));
        List<ValidReading> replayed = List.of(
            reading("songdo-trf-0001", 1, new String[] {"occupancy"}, 99),                 // other metric, other value
            reading("songdo-trf-0001", 2, three, 0.0, 0.0, 0.0),                           // -0.0 must stay -0.0
            reading("songdo-air-0007", 3, new String[] {"pm25", "pm10", "no2"}, 3, 4, 5)); // fewer metrics
        List<ValidReading> fresh = List.of(
            reading("songdo-trf-0002", 4, new String[] {"intensity"}, Double.MIN_NORMAL),
            reading("songdo-trf-0002", 5, three, -0.0, 2.5e-310, Double.MAX_VALUE),
            reading("songdo-trf-0002", 6, IntStream.range(0, 32).mapToObj(k -> "metric-é-" + k).toArray(String[]::new),
                IntStream.range(0, 32).mapToDouble(k -> -k / 7.0).toArray()),
            reading("capteur-été", 7, new String[] {"débit", "교통량", "NULL", "{a,b}", "\"q\""}, 1, 2, 3, 4, 5));
        List<ValidReading> batch = new ArrayList<>(replayed);
        batch.addAll(fresh);

        try (Writer w = new Writer(how)) {
            w.flush(first);
            if (how == ReadingsWrite.COPY) {
                // sessions of earlier tests have ended; their temporary tables go with them, soon after
                await("no stage table but of this writer", () -> stageTables() == 0);
            }
            w.flush(batch);
            if (how == ReadingsWrite.COPY) {
                assertThat(stageTables()).as("the replay went through the stage table").isEqualTo(1);
            }
            assertThat(w.health.failedAttempts()).isZero();
            assertThat(w.written.getCount()).isEqualTo(first.size() + batch.size());
        }
        List<ValidReading> all = new ArrayList<>(first);
        all.addAll(fresh);
        assertThat(stored()).isEqualTo(expected(all));
    }

    @ParameterizedTest
    @EnumSource(ReadingsWrite.class)
    void shouldStoreTheFirstOfTheSameReadingTwiceInOneBatch(ReadingsWrite how) throws Exception {
        write(how, List.of(row(1), row(2), row(1, 99), row(3), row(2, 98)));

        assertThat(stored()).isEqualTo(expected(List.of(row(1), row(2), row(3))));
    }

    /**
     * Values bit for bit, in arrays of 1, 3 and 5 elements. No NaN or infinity: the codec refuses
     * non-finite metric values ("must be a finite number"), so none reaches the sink.
     */
    @ParameterizedTest
    @EnumSource(ReadingsWrite.class)
    void shouldStoreValuesBitForBit(ReadingsWrite how) throws Exception {
        double[] values = {0.1, 0.2 + 0.1, 1.0 / 3, 1e-300, -1e-300, 0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE,
            Double.MIN_NORMAL, 2.5e-310, Double.MAX_VALUE, -Double.MAX_VALUE, 9007199254740993.0, 123456789.123456789,
            Math.PI * 1e300, -Math.E, 1e22, 4.35, 100, -0.0, 0.1, 5e-324, -7.0E-323};
        List<ValidReading> rows = new ArrayList<>();
        int[] sizes = {1, 3, 5};
        for (int at = 0, i = 0; at < values.length; i++) {
            int n = Math.min(sizes[i % sizes.length], values.length - at);
            rows.add(reading("s", i, Arrays.copyOf(NAMES, n), Arrays.copyOfRange(values, at, at + n)));
            at += n;
        }
        write(how, rows);

        assertThat(stored()).isEqualTo(expected(rows));
    }

    /**
     * Text that COPY's text and CSV formats, or array literals ({@code {"a","b"}}), treat specially,
     * in ids and in metric names: binary COPY and bound arrays must store it as it is.
     */
    @ParameterizedTest
    @EnumSource(ReadingsWrite.class)
    void shouldStoreTextWithCharactersThatCopyFormatsTreatSpecially(ReadingsWrite how) throws Exception {
        String[] ids = {"tab\there", "new\nline", "carriage\rreturn", "back\\slash", "\\N", "\\.", "\\", "quote'\"",
            "comma,semicolon;pipe|", "é, 한글, ñ", "traffic light \uD83D\uDEA6", "", " spaces ", "x".repeat(1_000), "\u0001\u007f",
            "NULL", "null", "{}", "{a,b}", "\"", "{\"x\"}", "a\\\"b", "(1,2)", "[1:1]={1}"};
        List<ValidReading> rows = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            rows.add(new ValidReading("city " + ids[i], ids[i], T0, i, new String[] {"metric " + ids[i], ids[i]},
                new double[] {i, -i}));
        }
        // and all of them as the metric names of one reading
        rows.add(new ValidReading("songdo", "all", T0, ids.length, ids, IntStream.range(0, ids.length).asDoubleStream().toArray()));
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
        List<ValidReading> rows = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            rows.add(new ValidReading("songdo", "s", times.get(i), i, Arrays.copyOf(NAMES, 1 + i % 3), new double[1 + i % 3]));
        }
        rows.add(new ValidReading("songdo", "s", T0, Long.MAX_VALUE, new String[] {"m"}, new double[] {1}));
        rows.add(new ValidReading("songdo", "s", T0, Long.MIN_VALUE, new String[] {"m"}, new double[] {2}));

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
            w.writer.write(new ValidReading("songdo", null, T0, 2, new String[] {"intensity"}, new double[] {2}), null);

            assertThatThrownBy(() -> w.writer.flush(false)).isInstanceOf(IOException.class)
                .hasMessageContaining("failed with an error that retrying cannot cure")
                .hasMessageContaining("null value in column \"sensor_id\"")
                .hasMessageContaining("[SQLState 23502]");
            assertThat(w.health.failedAttempts()).isEqualTo(1);
        }
        assertThat(count("SELECT count(*) FROM reading")).isZero();
    }

    @Test
    void shouldRetryABatchOnANewConnectionWhenTheDatabaseDroppedTheOldOne() throws Exception {
        try (Writer w = new Writer(ReadingsWrite.COPY, settings.withReadingsConnections(1))) {
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
    void shouldRetryOnTheWritersThreadABatchThatFailedWhileCommittingOnTheOther() throws Exception {
        try (Writer w = new Writer(ReadingsWrite.COPY)) {
            assertThat(w.writer.lanes()).as("connections by default").isEqualTo(2);
            w.flush(rows(0, 10)).flush(rows(10, 20)); // one batch on each connection
            assertThat(count("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM pg_stat_activity "
                + "WHERE application_name = 'aicity-stream-job'")).isEqualTo(2);
            // each batch's end fails on the committing thread; each is written again on a new connection
            w.flush(rows(20, 30)).flush(rows(30, 40));

            assertThat(w.health.failedAttempts()).as("one failed attempt per dropped connection").isEqualTo(2);
            assertThat(w.health.retrying()).isFalse();
            assertThat(w.health.lastError()).containsPattern("SQLState (08|57)");
            assertThat(w.written.getCount()).isEqualTo(40);
        }
        assertThat(stored()).isEqualTo(expected(rows(0, 40)));
    }

    /**
     * A copy of the reading table whose every INSERT statement (a COPY included) waits at its end
     * while the test holds an advisory lock: the end of a batch, held up at will.
     */
    private static final String GATED_TABLE = """
        DROP TABLE IF EXISTS reading_gated;
        CREATE TABLE reading_gated (LIKE reading INCLUDING ALL);
        CREATE OR REPLACE FUNCTION wait_at_gate() RETURNS trigger LANGUAGE plpgsql AS
          $$ BEGIN PERFORM pg_advisory_xact_lock_shared(4242); RETURN NULL; END $$;
        CREATE TRIGGER wait_at_gate AFTER INSERT ON reading_gated FOR EACH STATEMENT EXECUTE FUNCTION wait_at_gate();
        """;

    private static long gatedRows() throws SQLException {
        return count("SELECT count(*) FROM reading_gated");
    }

    /** Sessions waiting at the gate. */
    private static long waitingAtGate() throws SQLException {
        return count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242 AND NOT granted");
    }

    /**
     * The gated table; a writer to it, used from a thread of its own as from a task's mailbox thread,
     * that has learnt the sensors of {@code rows(0, 10)} (written and committed); and the gate, closed.
     */
    private static final class GatedWriter implements AutoCloseable {
        final ExecutorService task = Executors.newSingleThreadExecutor();
        final SimpleCounter written = new SimpleCounter();
        final WriteHealth health = new WriteHealth();
        final Connection gate;
        final JdbcBatchWriter<ValidReading> writer;

        GatedWriter(JdbcSettings with) throws Exception {
            gate = db.dataSource().getConnection();
            writer = new JdbcBatchWriter<>(with, "reading_gated", new ReadingCopyWrite("reading_gated"), null, NO_TIMERS,
                written, health);
            try {
                execute(GATED_TABLE);
                write(rows(0, 10), true).get(30, TimeUnit.SECONDS);
                execute("SELECT pg_advisory_lock(4242)"); // the gate closes
            } catch (Exception e) {
                close();
                throw e;
            }
        }

        Future<Void> write(List<ValidReading> rows, boolean flush) {
            return task.submit(() -> writeAll(writer, rows, flush));
        }

        void execute(String sql) throws SQLException {
            try (Statement s = gate.createStatement()) {
                s.execute(sql);
            }
        }

        void open() throws SQLException {
            execute("SELECT pg_advisory_unlock(4242)");
        }

        @Override
        public void close() throws SQLException {
            writer.close();
            task.shutdownNow();
            gate.close();
        }
    }

    @Test
    void shouldEndAndCommitABatchOnAnotherConnectionWhileTheNextOneStreams() throws Exception {
        try (GatedWriter w = new GatedWriter(settings)) {
            // a full batch (1,000) is handed over; its end waits at the gate, the writer does not
            w.write(rows(10, 1_010), false).get(30, TimeUnit.SECONDS);
            await("the first batch's end waiting at the gate", () -> waitingAtGate() == 1);
            // the next batch fills and streams on the other connection meanwhile
            w.write(rows(1_010, 2_009), false).get(30, TimeUnit.SECONDS);
            assertThat(gatedRows()).as("nothing committed while the gate is closed").isEqualTo(10);
            assertThat(count("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'aicity-stream-job' "
                + "AND state = 'active' AND query LIKE 'COPY reading_gated%'")).as("both batches' COPYs open").isEqualTo(2);

            // its last row fills the batch: the writer now waits until the first is committed,
            // and a checkpoint's flush until both are
            Future<?> rest = w.write(rows(2_009, 2_010), true);
            Thread.sleep(300);
            assertThat(rest).as("waiting for the first batch").isNotDone();

            w.open();
            rest.get(30, TimeUnit.SECONDS);
            assertThat(gatedRows()).as("every row committed when flush returns").isEqualTo(2_010);
            assertThat(w.written.getCount()).isEqualTo(2_010);
            assertThat(w.health.failedAttempts()).isZero();
        }
    }

    @Test
    void shouldWaitForEachBatchsEndOnOneConnection() throws Exception {
        try (GatedWriter w = new GatedWriter(settings.withReadingsConnections(1))) {
            Future<?> batch = w.write(rows(10, 1_010), false);
            await("the batch's end waiting at the gate", () -> waitingAtGate() == 1);
            assertThat(batch).as("the writer waits with its batch").isNotDone();
            w.open();
            batch.get(30, TimeUnit.SECONDS);
            assertThat(gatedRows()).isEqualTo(1_010);
        }
    }

    @Test
    void shouldAbandonABatchStillCommittingWhenClosedAndLeaveNothingOfIt() throws Exception {
        try (GatedWriter w = new GatedWriter(settings)) {
            try {
                w.write(rows(10, 1_010), false).get(30, TimeUnit.SECONDS);
                await("the batch's end waiting at the gate", () -> waitingAtGate() == 1);
            } finally {
                long t0 = System.nanoTime();
                w.writer.close(); // as when the job fails or is cancelled
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("close does not wait for the gate")
                    .isLessThan(Duration.ofSeconds(10));
            }
            // PostgreSQL notices its client is gone once its COPY is past the gate
            w.open();
            await("the abandoned session gone", () -> count("SELECT count(*) FROM pg_stat_activity "
                + "WHERE application_name = 'aicity-stream-job'") == 0);
            assertThat(gatedRows()).as("the abandoned batch rolled back; it comes again from the checkpoint").isEqualTo(10);
        }
    }

    private static Void writeAll(JdbcBatchWriter<ValidReading> writer, List<ValidReading> rows, boolean flush)
            throws IOException, InterruptedException {
        for (ValidReading r : rows) {
            writer.write(r, null);
        }
        if (flush) {
            writer.flush(false);
        }
        return null;
    }

    @Test
    void shouldRefuseConnectionCountsOutsideOneToEight() {
        assertThatThrownBy(() -> settings.withReadingsConnections(0)).hasMessageContaining("readingsConnections must be 1 to 8, got 0");
        assertThatThrownBy(() -> settings.withReadingsConnections(9)).hasMessageContaining("got 9");
        assertThat(settings.withReadingsConnections(3).toString()).endsWith("readingsConnections=3]");
    }

    /** Readings of 32 metrics (one list of long names): about 450 bytes of COPY data each. */
    private static List<ValidReading> wideRows(int from, int to) {
        String[] names = IntStream.range(0, 32).mapToObj(k -> String.format("averageVehicleSpeedOfLane%02d", k)).toArray(String[]::new);
        return IntStream.range(from, to).mapToObj(i -> {
            double[] values = new double[names.length];
            Arrays.setAll(values, k -> i + k / 64.0);
            return new ValidReading("songdo", String.format("songdo-trf-%04d", i % 7), T0.plusSeconds(i), i, names, values);
        }).toList();
    }

    /**
     * Rows the writing session's COPY has processed so far, by PostgreSQL's progress view. A binary
     * COPY counts them when it flushes its buffer of 1,000 rows into the table, so the figure goes
     * up in steps of 1,000.
     */
    private static long copyProgress() throws SQLException {
        return count("SELECT coalesce(sum(p.tuples_processed), 0) FROM pg_stat_progress_copy p "
            + "JOIN pg_stat_activity a ON a.pid = p.pid WHERE a.application_name = 'aicity-stream-job'");
    }

    /** Waits up to 30 s for the session's COPY to have processed more than {@code rows}; returns the last figure. */
    private static long awaitCopyProgressAbove(long rows) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long seen = copyProgress();
        while (seen <= rows && System.nanoTime() < deadline) {
            Thread.sleep(20);
            seen = copyProgress();
        }
        return seen;
    }

    private static JdbcSettings bigBatches() {
        return new JdbcSettings(settings.url(), settings.user(), settings.password(), 100_000,
            JdbcSettings.DEFAULT_FLUSH_INTERVAL, JdbcSettings.DEFAULT_RETRY_TIMEOUT);
    }

    @Test
    void shouldStreamABatchToTheServerWhileItFills() throws Exception {
        try (Writer w = new Writer(ReadingsWrite.COPY, bigBatches())) {
            // connects and learns the sensors and lists of names: from now on rows are streamed as they come
            w.flush(concat(rows(0, 10), wideRows(10, 11)));
            for (ValidReading r : wideRows(11, 3_011)) {
                w.writer.write(r, null);
            }
            // about 1.4 MB buffered: all but the last 64 KB went to the server, which stored them
            // (uncommitted) before the batch ends
            assertThat(awaitCopyProgressAbove(1_999)).as("rows the server has processed before the flush").isEqualTo(2_000);
            assertThat(count("SELECT count(*) FROM reading")).as("nothing visible before the commit").isEqualTo(11);
            w.writer.flush(false);

            assertThat(w.written.getCount()).isEqualTo(3_011);
            assertThat(w.health.failedAttempts()).isZero();
        }
        List<ValidReading> all = new ArrayList<>(rows(0, 10));
        all.addAll(wideRows(10, 3_011));
        assertThat(stored()).isEqualTo(expected(all));
    }

    /**
     * Rows whose sensor_key names no sensor. (That each names its own sensor, {@link #stored()}
     * shows: it reads a row's city and sensor id through its number.)
     */
    private static long rowsWithoutASensorNumber() throws SQLException {
        return count("SELECT count(*) FROM reading r LEFT JOIN sensor_key k ON k.key = r.sensor_key WHERE k.key IS NULL");
    }

    @ParameterizedTest
    @EnumSource(ReadingsWrite.class)
    void shouldNumberEachSensorOnceAndKeyEveryRowByItsOwnSensorsNumber(ReadingsWrite how) throws Exception {
        // the same sensor id in two cities is two sensors; batches meet known and new sensors
        List<ValidReading> first = new ArrayList<>(rows(0, 20));
        List<ValidReading> second = new ArrayList<>(rows(20, 40));
        second.add(new ValidReading("incheon", "songdo-trf-0001", T0, 1_000, new String[] {"intensity"}, new double[] {3}));
        second.add(new ValidReading("songdo", "songdo-trf-0100", T0, 1_001, new String[] {"intensity"}, new double[] {4}));
        try (Writer w = new Writer(how)) {
            w.flush(first).flush(second).flush(second); // the last one a replay
            assertThat(w.health.failedAttempts()).isZero();
        }
        List<ValidReading> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(stored()).isEqualTo(expected(all));
        assertThat(count("SELECT count(*) FROM sensor_key")).as("7 sensors of songdo's rows, 1 of incheon, 1 more of songdo")
            .isEqualTo(9);
        assertThat(count("SELECT count(DISTINCT sensor_key) FROM reading")).isEqualTo(9);
        assertThat(rowsWithoutASensorNumber()).isZero();
    }

    @Test
    void shouldWriteABatchWholeWhenANewSensorStopsItsStreamAndStreamTheNextOnesAgain() throws Exception {
        try (Writer w = new Writer(ReadingsWrite.COPY, bigBatches())) {
            // connects and learns the 7 sensors and the lists of names: from now on rows are streamed
            w.flush(concat(rows(0, 10), wideRows(10, 11)));
            List<ValidReading> batch = new ArrayList<>(wideRows(11, 1_010));
            // a sensor without a number: the COPY holds the connection, so the stream stops here
            batch.add(new ValidReading("songdo", "songdo-trf-0100", T0, 5_000, new String[] {"intensity"}, new double[] {4}));
            batch.addAll(wideRows(1_010, 2_000));
            w.flush(batch);
            assertThat(count("SELECT count(*) FROM sensor_key")).isEqualTo(8);

            for (ValidReading r : wideRows(2_000, 5_000)) {
                w.writer.write(r, null);
            }
            assertThat(awaitCopyProgressAbove(1_999)).as("the next batch is streamed again").isEqualTo(2_000);
            w.writer.flush(false);
            assertThat(w.health.failedAttempts()).isZero();
            assertThat(w.written.getCount()).isEqualTo(11 + 1_990 + 3_000);
        }
        List<ValidReading> all = new ArrayList<>(rows(0, 10));
        all.addAll(wideRows(10, 5_000));
        all.add(new ValidReading("songdo", "songdo-trf-0100", T0, 5_000, new String[] {"intensity"}, new double[] {4}));
        assertThat(stored()).isEqualTo(expected(all));
        assertThat(rowsWithoutASensorNumber()).isZero();
    }

    @ParameterizedTest
    @EnumSource(ReadingsWrite.class)
    void shouldNumberEachListOfMetricNamesOnceAndNameEveryRowsMetricsByIt(ReadingsWrite how) throws Exception {
        // rows(...) have 5 lists (the first 1 to 5 of NAMES); the same names in another order are another list
        List<ValidReading> first = new ArrayList<>(rows(0, 20));
        List<ValidReading> second = new ArrayList<>(rows(20, 40));
        second.add(reading("songdo-trf-0001", 1_000, new String[] {NAMES[1], NAMES[0]}, 5, 6));
        try (Writer w = new Writer(how)) {
            w.flush(first).flush(second).flush(second); // the last one a replay
            assertThat(w.health.failedAttempts()).isZero();
        }
        List<ValidReading> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(stored()).as("every row's values named by its own list").isEqualTo(expected(all));
        assertThat(count("SELECT count(*) FROM metric_set")).isEqualTo(6);
        assertThat(count("SELECT count(DISTINCT metric_set) FROM reading")).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM reading r JOIN metric_set ms ON ms.id = r.metric_set "
            + "WHERE cardinality(ms.names) <> cardinality(r.metric_values)")).isZero();
    }

    @Test
    void shouldWriteABatchWholeWhenANewListOfNamesStopsItsStreamAndStreamTheNextOnesAgain() throws Exception {
        ValidReading newList = reading("songdo-trf-0001", 5_000, new String[] {"occupancy", "noise"}, 0.5, 61);
        try (Writer w = new Writer(ReadingsWrite.COPY, bigBatches())) {
            // connects and learns the sensors and lists: from now on rows are streamed
            w.flush(concat(rows(0, 10), wideRows(10, 11)));
            long lists = count("SELECT count(*) FROM metric_set");
            List<ValidReading> batch = new ArrayList<>(wideRows(11, 1_010));
            // a list without a number: the COPY holds the connection, so the stream stops here
            batch.add(newList);
            batch.addAll(wideRows(1_010, 2_000));
            w.flush(batch);
            assertThat(count("SELECT count(*) FROM metric_set")).isEqualTo(lists + 1);

            for (ValidReading r : wideRows(2_000, 5_000)) {
                w.writer.write(r, null);
            }
            assertThat(awaitCopyProgressAbove(1_999)).as("the next batch is streamed again").isEqualTo(2_000);
            w.writer.flush(false);
            assertThat(w.health.failedAttempts()).isZero();
        }
        List<ValidReading> all = new ArrayList<>(rows(0, 10));
        all.addAll(wideRows(10, 5_000));
        all.add(newList);
        assertThat(stored()).isEqualTo(expected(all));
    }

    @Test
    void shouldStoreEachReadingOnceWhenAStoredReadingBreaksTheStreamEarly() throws Exception {
        try (Writer w = new Writer(ReadingsWrite.COPY, bigBatches())) {
            w.flush(wideRows(0, 10));
            // a replay: its first reading is stored already, so the server fails the COPY while
            // the writer is still streaming the rest (2 MB of it)
            List<ValidReading> replay = new ArrayList<>(wideRows(5, 10));
            replay.addAll(wideRows(10, 2_000));
            for (ValidReading r : replay) {
                w.writer.write(r, null);
            }
            w.writer.flush(false);
            w.flush(wideRows(2_000, 2_500)); // back to streaming after a batch of new rows only
            w.flush(wideRows(2_500, 3_000));

            assertThat(stageTables()).as("the replay went through the temporary table").isEqualTo(1);
            assertThat(w.health.failedAttempts()).as("a batch meeting stored rows is no failed attempt").isZero();
            assertThat(w.written.getCount()).isEqualTo(10 + 1_995 + 500 + 500);
        }
        assertThat(stored()).isEqualTo(expected(wideRows(0, 3_000)));
    }

    @Test
    void shouldWriteTheBatchAgainOnANewConnectionWhenTheConnectionDiesMidStream() throws Exception {
        try (Writer w = new Writer(ReadingsWrite.COPY, bigBatches())) {
            w.flush(concat(rows(0, 10), wideRows(10, 11)));
            List<ValidReading> batch = wideRows(11, 3_011);
            for (ValidReading r : batch.subList(0, 1_500)) {
                w.writer.write(r, null);
            }
            assertThat(awaitCopyProgressAbove(0)).as("streaming when the connection dies").isEqualTo(1_000);
            assertThat(count("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM pg_stat_activity "
                + "WHERE application_name = 'aicity-stream-job' AND state = 'active' AND query LIKE 'COPY%'")).isEqualTo(1);
            for (ValidReading r : batch.subList(1_500, batch.size())) {
                w.writer.write(r, null); // the stream breaks here; write() does not fail
            }
            w.writer.flush(false);

            assertThat(w.health.failedAttempts()).isEqualTo(1);
            assertThat(w.health.retrying()).isFalse();
            assertThat(w.written.getCount()).isEqualTo(3_011);
        }
        List<ValidReading> all = new ArrayList<>(rows(0, 10));
        all.addAll(wideRows(10, 3_011));
        assertThat(stored()).isEqualTo(expected(all));
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
        assertThat(s.toString()).endsWith("readingsWrite=COPY, readingsConnections=2]");
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as(what + " within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
