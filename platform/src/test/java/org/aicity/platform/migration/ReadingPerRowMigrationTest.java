package org.aicity.platform.migration;

import org.aicity.platform.ApiTestDatabase;
import org.aicity.testkit.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V11 (one row per reading) on a database that holds readings in the old shape: Flyway migrates a
 * fresh database of the API tests' PostgreSQL server to V10 only, the test stores readings as V1
 * kept them (a row per metric), then Flyway migrates to the latest version. Each reading must then
 * be one row with its metrics in name order, the values beside their names and the earliest
 * ingest time of its old rows; unnested, the rows give back exactly the old ones.
 */
class ReadingPerRowMigrationTest {

    private static final String DATABASE = "reading_per_row_migration";
    private static final Instant T1 = Instant.parse("2026-11-21T08:30:00Z");
    private static final Instant T2 = Instant.parse("2026-11-21T08:31:00Z");
    private static final Instant INGESTED = Instant.parse("2026-11-21T08:30:02Z");

    /** Columns of the old rows, and of the new rows unnested, as comparable text. */
    private static final String NARROW_ROW = "city_id || '|' || sensor_id || '|' || metric || '|' || ts || '|' || seq || '|' || value";

    private static JdbcClient server;
    private static PGSimpleDataSource dataSource;
    private static JdbcClient db;
    private static List<String> narrowRowsBefore;
    private static MigrateResult toLatest;

    /** A row of the new table, as read back. */
    private record Row(String cityId, String sensorId, Instant ts, long seq, List<String> metricNames,
                       List<Double> metricValues, Instant ingestedAt) {
    }

    @BeforeAll
    static void migrateThroughV11WithReadingsInTheOldShape() {
        TestDatabase postgres = ApiTestDatabase.get();
        server = JdbcClient.create(postgres.dataSource());
        server.sql("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)").update();
        server.sql("CREATE DATABASE " + DATABASE).update();
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(postgres.jdbcUrl());
        dataSource.setDatabaseName(DATABASE);
        dataSource.setUser(postgres.username());
        dataSource.setPassword(postgres.password());
        db = JdbcClient.create(dataSource);

        MigrateResult toV10 = flyway().target("10").load().migrate();
        assertThat(toV10.targetSchemaVersion).as("schema version before the change").isEqualTo("10");

        // two readings of a traffic sensor (three metrics each, stored in the catalogue's order, not
        // by name) and one of an air-quality sensor with the same seq and ts as the first
        narrow("songdo", "songdo-trf-0001", "intensity", T1, 1, 20, INGESTED.plusMillis(5));
        narrow("songdo", "songdo-trf-0001", "occupancy", T1, 1, 0.2, INGESTED);
        narrow("songdo", "songdo-trf-0001", "averageVehicleSpeed", T1, 1, 41.5, INGESTED.plusSeconds(3));
        narrow("songdo", "songdo-trf-0001", "intensity", T2, 2, 22, INGESTED.plusSeconds(61));
        narrow("songdo", "songdo-trf-0001", "occupancy", T2, 2, 0.25, INGESTED.plusSeconds(60));
        narrow("songdo", "songdo-trf-0001", "averageVehicleSpeed", T2, 2, 39, INGESTED.plusSeconds(60));
        narrow("songdo", "songdo-air-0001", "pm25", T1, 1, 17.5, INGESTED.plusSeconds(1));
        narrowRowsBefore = db.sql("SELECT " + NARROW_ROW + " FROM reading ORDER BY 1").query(String.class).list();
        assertThat(narrowRowsBefore).hasSize(7);

        toLatest = flyway().load().migrate();
    }

    @AfterAll
    static void dropTheDatabase() {
        if (server != null) {
            server.sql("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)").update();
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway() {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
    }

    private static void narrow(String city, String sensor, String metric, Instant ts, long seq, double value, Instant ingestedAt) {
        db.sql("""
                INSERT INTO reading (city_id, sensor_id, metric, ts, seq, value, ingested_at)
                VALUES (:city, :sensor, :metric, :ts, :seq, :value, :ingested)""")
            .param("city", city).param("sensor", sensor).param("metric", metric).param("ts", Timestamp.from(ts))
            .param("seq", seq).param("value", value).param("ingested", Timestamp.from(ingestedAt))
            .update();
    }

    private static List<Row> rows() {
        return db.sql("""
                SELECT k.city_id, k.sensor_id, r.ts, r.seq, ms.names AS metric_names, r.metric_values, r.ingested_at
                  FROM reading r JOIN metric_set ms ON ms.id = r.metric_set JOIN sensor_key k ON k.key = r.sensor_key
                 ORDER BY k.city_id, k.sensor_id, r.ts, r.seq""")
            .query((rs, i) -> new Row(rs.getString("city_id"), rs.getString("sensor_id"), rs.getTimestamp("ts").toInstant(),
                rs.getLong("seq"), Arrays.asList((String[]) array(rs.getArray("metric_names"))),
                Arrays.asList((Double[]) array(rs.getArray("metric_values"))), rs.getTimestamp("ingested_at").toInstant()))
            .list();
    }

    private static Object array(Array a) throws SQLException {
        try {
            return a.getArray();
        } finally {
            a.free();
        }
    }

    @Test
    void migratesToTheLatestVersionThroughV11() {
        assertThat(toLatest.success).isTrue();
        assertThat(toLatest.initialSchemaVersion).isEqualTo("10");
        assertThat(toLatest.migrations).extracting(m -> m.version).contains("11", "12", "13", "14");
        assertThat(flyway().load().info().pending()).as("migrations left").isEmpty();
    }

    @Test
    void storesEachReadingAsOneRowWithItsMetricsInNameOrder() {
        assertThat(rows()).containsExactly(
            new Row("songdo", "songdo-air-0001", T1, 1, List.of("pm25"), List.of(17.5), INGESTED.plusSeconds(1)),
            new Row("songdo", "songdo-trf-0001", T1, 1, List.of("averageVehicleSpeed", "intensity", "occupancy"),
                List.of(41.5, 20.0, 0.2), INGESTED),
            new Row("songdo", "songdo-trf-0001", T2, 2, List.of("averageVehicleSpeed", "intensity", "occupancy"),
                List.of(39.0, 22.0, 0.25), INGESTED.plusSeconds(60)));
    }

    @Test
    void unnestedTheRowsAreExactlyTheOldOnes() {
        List<String> after = db.sql("""
                SELECT %s FROM (SELECT k.city_id, k.sensor_id, m.metric, r.ts, r.seq, m.value
                                  FROM reading r JOIN metric_set ms ON ms.id = r.metric_set
                                  JOIN sensor_key k ON k.key = r.sensor_key,
                                       unnest(ms.names, r.metric_values) AS m(metric, value)) u
                 ORDER BY 1""".formatted(NARROW_ROW))
            .query(String.class).list();
        assertThat(after).containsExactlyElementsOf(narrowRowsBefore);
    }

    @Test
    void v12NumbersTheSensorsInNameOrderAndKeysEveryRowByItsSensorsNumber() {
        // other tests of this class register more sensors; the migration numbered the stored ones first
        assertThat(db.sql("SELECT key || ' ' || city_id || ' ' || sensor_id FROM sensor_key WHERE key <= 2 ORDER BY key")
            .query(String.class).list())
            .containsExactly("1 songdo songdo-air-0001", "2 songdo songdo-trf-0001");
        // that each row's number is its own sensor's, the tests above show: they read the city and
        // sensor id of a row through its number (V14 took the texts out of the row)
        assertThat(db.sql("SELECT count(*) FROM reading r JOIN sensor_key k ON k.key = r.sensor_key").query(Long.class).single())
            .as("rows whose number names a sensor").isEqualTo(3);
        assertThat(db.sql("""
                SELECT string_agg(a.attname, ',' ORDER BY k.i) FROM pg_index x
                  CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, i)
                  JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
                 WHERE x.indrelid = 'reading'::regclass AND x.indisprimary""").query(String.class).single())
            .isEqualTo("sensor_key,ts,seq");
        assertThat(db.sql("SELECT to_regclass('reading_keyed_by_text') IS NULL").query(Boolean.class).single())
            .as("reading_keyed_by_text dropped").isTrue();
        numbersOnceAndForGood("sensor", "sensor_key_for('songdo', 'songdo-trf-0001')", 2,
            "sensor_key_for('songdo', 'songdo-trf-0009')");
    }

    /**
     * A registering function (sensor_key_for, metric_set_for) gives a known entry its stored number,
     * a new one a number after the stored ones, and that number again when asked again; returns it.
     */
    private static int numbersOnceAndForGood(String what, String knownCall, int knownNumber, String newCall) {
        assertThat(number(knownCall)).as("a known %s's number", what).isEqualTo(knownNumber);
        int added = number(newCall);
        assertThat(added).as("a new %s's number", what).isGreaterThan(knownNumber);
        assertThat(number(newCall)).as("asked again").isEqualTo(added);
        return added;
    }

    private static int number(String call) {
        return db.sql("SELECT " + call).query(Integer.class).single();
    }

    @Test
    void theOldTableIsGoneAndTheNewOneOwnsTheKeyName() {
        assertThat(db.sql("SELECT to_regclass('reading_by_metric') IS NULL").query(Boolean.class).single())
            .as("reading_by_metric dropped").isTrue();
        assertThat(db.sql("""
                SELECT column_name FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = 'reading' ORDER BY ordinal_position""")
            .query(String.class).list())
            .as("V14 took the city and sensor id texts out of the row")
            .containsExactly("sensor_key", "ts", "seq", "metric_set", "metric_values", "ingested_at");
        assertThat(db.sql("SELECT conname FROM pg_constraint WHERE conrelid = 'reading'::regclass AND contype = 'p'")
            .query(String.class).single()).isEqualTo("reading_pkey");
    }

    @Test
    void v13NumbersTheListsOfNamesInOrderAndNamesEveryRowsMetricsByItsList() {
        // other tests of this class register more lists; the migration numbered the stored ones first
        assertThat(db.sql("SELECT id || ' ' || array_to_string(names, ',') FROM metric_set WHERE id <= 2 ORDER BY id")
            .query(String.class).list())
            .containsExactly("1 averageVehicleSpeed,intensity,occupancy", "2 pm25");
        assertThat(db.sql("SELECT to_regclass('reading_with_metric_names') IS NULL").query(Boolean.class).single())
            .as("reading_with_metric_names dropped").isTrue();
        int added = numbersOnceAndForGood("list", "metric_set_for(ARRAY['pm25'])", 2, "metric_set_for(ARRAY['pm25', 'pm10'])");
        assertThat(number("metric_set_for(ARRAY['pm10', 'pm25'])"))
            .as("the same names in another order: another list").isNotIn(2, added);
    }

    @Test
    void aListOfNamesIsPlain() {
        for (String bad : List.of("ARRAY['intensity', NULL]", "ARRAY[ARRAY['intensity'], ARRAY['occupancy']]",
                "'[0:0]={intensity}'::text[]")) {
            assertThatThrownBy(() -> db.sql("SELECT metric_set_for(" + bad + ")").query(Integer.class).single())
                .as(bad).isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("metric_set_plain_list");
        }
        assertThat(db.sql("SELECT count(*) FROM metric_set WHERE 'intensity' = ANY (names) AND cardinality(names) <= 2")
            .query(Long.class).single()).isZero();
    }

    @Test
    void keepsOneRowPerReading() {
        assertThatThrownBy(() -> db.sql("""
                INSERT INTO reading (sensor_key, ts, seq, metric_set, metric_values)
                VALUES (sensor_key_for('songdo', 'songdo-air-0001'), :ts, 1, metric_set_for(ARRAY['pm10']),
                        ARRAY[30.0]::double precision[])""")
            .param("ts", Timestamp.from(T1))
            .update())
            .isInstanceOf(DataIntegrityViolationException.class)
            .hasMessageContaining("reading_pkey");
    }
}
