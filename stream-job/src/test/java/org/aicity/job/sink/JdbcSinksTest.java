package org.aicity.job.sink;

import org.aicity.job.PlatformMigrations;
import org.aicity.job.CityPipeline;
import org.aicity.job.PipelineSettings;
import org.aicity.job.PipelineSinks;
import org.aicity.job.aggregate.MetricAggregate;
import org.aicity.job.ingest.DeadLetter;
import org.aicity.job.ingest.IngestStatus;
import org.aicity.job.ingest.RawMessage;
import org.aicity.job.ingest.ValidReading;
import org.aicity.testkit.TestDatabase;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.stream.IntStream;

import static org.aicity.job.ingest.TestMessages.T0;
import static org.aicity.job.ingest.TestMessages.message;
import static org.aicity.job.ingest.TestMessages.text;
import static org.aicity.job.ingest.TestMessages.traffic;
import static org.assertj.core.api.Assertions.assertThat;

/** The sinks against a real PostgreSQL with the platform's core schema. */
class JdbcSinksTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
        .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static TestDatabase db;
    private static JdbcSettings settings;

    @BeforeAll
    static void startDatabase() throws Exception {
        db = TestDatabase.start();
        settings = JdbcSettings.of(db.jdbcUrl(), db.username(), db.password());
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

    @BeforeEach
    void emptyTables() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE reading, aggregate_1m, dead_letter, ingest_status");
        }
    }


    private static <T> void writeTwice(JdbcUpsertSinkFactory<T> factory, List<T> rows) throws Exception {
        JdbcBatchWriter<T> w = factory.create();
        for (int round = 0; round < 2; round++) {
            for (T r : rows) {
                w.write(r, null);
            }
            w.flush(false);
        }
        w.close();
    }

    @FunctionalInterface
    private interface JdbcUpsertSinkFactory<T> {
        JdbcBatchWriter<T> create();
    }

    private static final ProcessingTimeService NO_TIMERS = new ProcessingTimeService() {
        @Override
        public long getCurrentProcessingTime() {
            return 0;
        }

        @Override
        public ScheduledFuture<?> registerTimer(long time, ProcessingTimeCallback callback) {
            return null; // the test flushes explicitly
        }
    };

    private static long count(String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void shouldStoreEachReadingAndDeadLetterOnceWhenWrittenTwice() throws Exception {
        List<ValidReading> readings = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            readings.add(new ValidReading("songdo", "songdo-trf-0001", T0.plusSeconds(i), i,
                new String[] {"intensity", "averageVehicleSpeed"}, new double[] {i, 100 - i}));
        }
        writeTwice(() -> new JdbcBatchWriter<>(settings, "reading", JdbcSinks.READING_SQL, JdbcSinks::bindReading, null,
            NO_TIMERS, new SimpleCounter(), new WriteHealth()), readings);
        DeadLetter d = new DeadLetter(new byte[32], -1, T0, "city/songdo/traffic/x", "songdo", "x", new byte[] {1, 2},
            new String[] {"payload: is empty", "ts: is required"});
        writeTwice(() -> new JdbcBatchWriter<>(settings, "dead_letter", JdbcSinks.DEAD_LETTER_SQL, JdbcSinks::bindDeadLetter,
            null, NO_TIMERS, new SimpleCounter(), new WriteHealth()), List.of(d));

        assertThat(count("SELECT count(*) FROM reading")).isEqualTo(50);
        assertThat(count("SELECT count(*) FROM reading r JOIN metric_set ms ON ms.id = r.metric_set WHERE ms.names = ARRAY['intensity', 'averageVehicleSpeed'] "
            + "AND metric_values = ARRAY[seq, 100 - seq]::float8[]")).isEqualTo(50);
        assertThat(count("SELECT count(*) FROM dead_letter WHERE reasons = ARRAY['payload: is empty', 'ts: is required']")).isEqualTo(1);
    }

    @Test
    void shouldReplaceAnAggregateAndStatusRowWithTheLatestValues() throws Exception {
        Instant bucket = T0;
        List<MetricAggregate> rows = List.of(
            new MetricAggregate("songdo", "s1", "intensity", bucket, 2, 1.5, 1, 2, 2, T0.plusSeconds(30)),
            new MetricAggregate("songdo", "s1", "intensity", bucket, 3, 2.0, 1, 3, 3, T0.plusSeconds(50)));
        writeTwice(() -> new JdbcBatchWriter<>(settings, "aggregate_1m", JdbcSinks.AGGREGATE_SQL, JdbcSinks::bindAggregate,
            a -> List.of(a.cityId(), a.sensorId(), a.metric(), a.bucket()), NO_TIMERS, new SimpleCounter(), new WriteHealth()), rows);
        writeTwice(() -> new JdbcBatchWriter<>(settings, "ingest_status", JdbcSinks.STATUS_SQL, JdbcSinks::bindStatus,
            s -> List.of(s.pipeline(), s.subtask()), NO_TIMERS, new SimpleCounter(), new WriteHealth()),
            List.of(new IngestStatus("p", 0, 1, 0, 1, 0, null, null, T0), new IngestStatus("p", 0, 5, 4, 1, 0, T0, T0, T0)));

        assertThat(count("SELECT count FROM aggregate_1m")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM aggregate_1m")).isEqualTo(1);
        assertThat(count("SELECT messages_in FROM ingest_status WHERE pipeline = 'p' AND subtask = 0")).isEqualTo(5);
    }

    @Test
    void shouldRunThePipelineIntoPostgres() throws Exception {
        List<RawMessage> input = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            input.add(message(traffic("songdo-trf-0001", i, T0.plusSeconds(5L * i), 10 + i, 30)));
        }
        input.add(input.get(3)); // a redelivery
        input.add(text("city/songdo/traffic/songdo-trf-0001", "garbage", T0));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        CityPipeline.buildPipeline(env, env.fromData(input, TypeInformation.of(RawMessage.class)), PipelineSinks.jdbc(settings),
            PipelineSettings.defaults("jdbc-test"));

        env.execute("pipeline into postgres");

        // one row per reading, with both of its metrics
        assertThat(count("SELECT count(*) FROM reading")).isEqualTo(30);
        assertThat(count("SELECT count(*) FROM reading r JOIN metric_set ms ON ms.id = r.metric_set WHERE cardinality(ms.names) = 2 "
            + "AND ms.names @> ARRAY['intensity', 'averageVehicleSpeed']")).isEqualTo(30);
        // the metrics as the API reads them (V11), one point per metric: intensity 10..39, speed 30
        assertThat(count("SELECT sum(m.value) FROM reading r JOIN metric_set ms ON ms.id = r.metric_set, unnest(ms.names, r.metric_values) AS m(metric, value) "
            + "WHERE m.metric = 'intensity'")).isEqualTo(IntStream.range(10, 40).sum());
        assertThat(count("SELECT count(*) FROM reading r JOIN metric_set ms ON ms.id = r.metric_set, unnest(ms.names, r.metric_values) AS m(metric, value) "
            + "WHERE m.metric = 'averageVehicleSpeed' AND m.value = 30")).isEqualTo(30);
        assertThat(count("SELECT count(*) FROM dead_letter")).isEqualTo(1);
        assertThat(count("SELECT sum(count) FROM aggregate_1m WHERE metric = 'intensity'")).isEqualTo(30);
        assertThat(count("SELECT count(*) FROM aggregate_1m WHERE metric = 'intensity'")).isEqualTo(3);
        assertThat(count("SELECT sum(messages_in) FROM ingest_status WHERE pipeline = 'jdbc-test'")).isEqualTo(32);
        assertThat(count("SELECT sum(duplicates) FROM ingest_status WHERE pipeline = 'jdbc-test'")).isEqualTo(1);
    }
}
