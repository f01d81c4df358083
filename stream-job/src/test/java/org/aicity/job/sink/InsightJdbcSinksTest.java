package org.aicity.job.sink;

import org.aicity.job.PlatformMigrations;
import org.aicity.job.decide.Action;
import org.aicity.job.decide.Recommendation;
import org.aicity.job.judge.Alert;
import org.aicity.job.judge.AlertKind;
import org.aicity.job.judge.AnomalyScore;
import org.aicity.job.judge.FaultKind;
import org.aicity.job.judge.Severity;
import org.aicity.job.predict.Forecast;
import org.aicity.job.predict.ForecastAccuracy;
import org.aicity.testkit.TestDatabase;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The predict-and-judge sinks against a real PostgreSQL with every platform migration applied. */
class InsightJdbcSinksTest {

    private static final Instant T0 = Instant.parse("2026-11-17T01:00:00Z");

    private static TestDatabase db;
    private static JdbcSettings settings;

    @BeforeAll
    static void startDatabase() throws Exception {
        db = TestDatabase.start();
        settings = JdbcSettings.of(db.jdbcUrl(), db.username(), db.password());
        PlatformMigrations.applyAll(db);
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
            s.execute("TRUNCATE forecast, forecast_accuracy, anomaly_score, alert, recommendation");
        }
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

    /** Writes the rows, flushes, and writes them again: the second round is what a replay after a failure does. */
    private static <T> void writeTwice(String table, String sql, RowBinder<T> binder, UpsertKey<T> key, List<T> rows)
        throws Exception {
        JdbcBatchWriter<T> w = new JdbcBatchWriter<>(settings, table, sql, binder, key, NO_TIMERS, new SimpleCounter(),
            new WriteHealth());
        for (int round = 0; round < 2; round++) {
            for (T r : rows) {
                w.write(r, null);
            }
            w.flush(false);
        }
        w.close();
    }

    private static List<List<Object>> rows(String sql, int columns) throws Exception {
        List<List<Object>> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object v = rs.getObject(i);
                    row.add(v instanceof java.sql.Array a ? List.of((Object[]) a.getArray()) : v);
                }
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void shouldUpsertForecastsWithAMissingSeasonalBaselineAsNull() throws Exception {
        List<Forecast> forecasts = List.of(
            new Forecast("songdo", "songdo-trf-0001", "occupancy", 15, T0, T0.plusSeconds(900), 0.2, 0.15, 0.25, 0.1, 0.3,
                0.18, Double.NaN),
            new Forecast("songdo", "songdo-trf-0001", "occupancy", 15, T0.plusSeconds(60), T0.plusSeconds(900), 0.21, 0.16,
                0.26, 0.11, 0.31, 0.19, 0.22),
            new Forecast("songdo", "district:songdo-1:traffic", "occupancy", 60, T0, T0.plusSeconds(3600), 0.3, 0.2, 0.4,
                0.1, 0.5, 0.3, Double.NaN));

        writeTwice("forecast", InsightJdbcSinks.FORECAST_SQL, InsightJdbcSinks::bindForecast,
            f -> List.of(f.cityId(), f.seriesId(), f.metric(), f.horizonMinutes(), f.target()), forecasts);

        assertThat(rows("SELECT series_id, horizon_minutes, value, seasonal_naive IS NULL FROM forecast ORDER BY series_id", 4))
            .containsExactly(List.of("district:songdo-1:traffic", 60, 0.3, true), List.of("songdo-trf-0001", 15, 0.21, false));
    }

    @Test
    void shouldStoreAccuracySumsOncePerSeriesHorizonAndHour() throws Exception {
        ForecastAccuracy first = new ForecastAccuracy("songdo", "songdo-trf-0001", "traffic", "occupancy", 30, T0, 10, 0.5,
            0.8, 8, 10, 0.7, 4, 0.2, 0.3);
        ForecastAccuracy later = new ForecastAccuracy("songdo", "songdo-trf-0001", "traffic", "occupancy", 30, T0, 60, 3.0,
            4.0, 48, 57, 4.2, 60, 3.0, 3.6);

        writeTwice("forecast_accuracy", InsightJdbcSinks.ACCURACY_SQL, InsightJdbcSinks::bindAccuracy,
            a -> List.of(a.cityId(), a.seriesId(), a.metric(), a.horizonMinutes(), a.periodStart()), List.of(first, later));

        assertThat(rows("SELECT domain, count, sum_abs_error, within80, within95, seasonal_count, sum_abs_error_seasonal "
            + "FROM forecast_accuracy", 7)).containsExactly(List.of("traffic", 60L, 3.0, 48L, 57L, 60L, 3.6));
    }

    @Test
    void shouldStoreADropoutScoreWithoutValueExpectedOrZ() throws Exception {
        List<AnomalyScore> scores = List.of(
            new AnomalyScore("songdo", "songdo-env-0001", "songdo-2", "environment", "pm25", T0, 12, 10, 0.8, 0, FaultKind.NONE,
                11, 10, 11),
            new AnomalyScore("songdo", "songdo-env-0001", "songdo-2", "environment", "no2", T0, Double.NaN, Double.NaN,
                Double.NaN, 1, FaultKind.DROPOUT, Double.NaN, Double.NaN, Double.NaN));

        writeTwice("anomaly_score", InsightJdbcSinks.ANOMALY_SQL, InsightJdbcSinks::bindAnomaly,
            a -> List.of(a.cityId(), a.sensorId(), a.metric(), a.bucket()), scores);

        assertThat(rows("SELECT metric, value, expected, z, score, fault FROM anomaly_score ORDER BY metric", 6))
            .containsExactly(Arrays.asList("no2", null, null, null, 1.0, "DROPOUT"),
                Arrays.asList("pm25", 12.0, 10.0, 0.8, 0.0, "NONE"));
    }

    @Test
    void shouldKeepOneRowPerAlertFromOpenToResolved() throws Exception {
        String id = Alert.idOf("songdo", AlertKind.TRAFFIC_INCIDENT, "songdo-3", T0);
        Alert opened = new Alert("songdo", id, AlertKind.TRAFFIC_INCIDENT, "songdo-3", "songdo-3", Severity.WARNING, true, T0,
            T0.plusSeconds(120), null, 0.7, "Traffic incident in songdo-3", new String[] {"songdo-trf-0111 occupancy +4.0σ"});
        Alert escalated = new Alert("songdo", id, AlertKind.TRAFFIC_INCIDENT, "songdo-3", "songdo-3", Severity.CRITICAL, true,
            T0, T0.plusSeconds(120), null, 0.9, "Traffic incident in songdo-3",
            new String[] {"songdo-trf-0111 occupancy +4.0σ", "songdo-env-0027 no2 +3.1σ (environment)"});
        Alert closed = new Alert("songdo", id, AlertKind.TRAFFIC_INCIDENT, "songdo-3", "songdo-3", Severity.CRITICAL, false,
            T0, T0.plusSeconds(120), T0.plusSeconds(1800), 0.95, "Traffic incident in songdo-3", escalated.evidence());
        Alert fault = new Alert("songdo", Alert.idOf("songdo", AlertKind.SENSOR_FAULT, "songdo-env-0001", T0),
            AlertKind.SENSOR_FAULT, "songdo-env-0001", "", Severity.WARNING, true, T0, T0.plusSeconds(60), null, 1,
            "Sensor songdo-env-0001 looks faulty", new String[0]);

        writeTwice("alert", InsightJdbcSinks.ALERT_SQL, InsightJdbcSinks::bindAlert, a -> List.of(a.cityId(), a.alertId()),
            List.of(opened, escalated, closed, fault));

        assertThat(rows("SELECT kind, severity, status, closed_at IS NULL, peak_score, evidence, district_id FROM alert "
            + "ORDER BY kind DESC", 7)).containsExactly(
            Arrays.asList("TRAFFIC_INCIDENT", "CRITICAL", "RESOLVED", false, 0.95,
                List.of("songdo-trf-0111 occupancy +4.0σ", "songdo-env-0027 no2 +3.1σ (environment)"), "songdo-3"),
            Arrays.asList("SENSOR_FAULT", "WARNING", "OPEN", true, 1.0, List.of(), null));
    }

    @Test
    void shouldStoreARecommendationWithItsEvidenceOnce() throws Exception {
        Recommendation r = new Recommendation("songdo", Recommendation.idOf("songdo", Action.EXTEND_GREEN_TIME, "songdo-3", T0),
            "songdo-3", Action.EXTEND_GREEN_TIME, "technopark-ro-westbound", T0, T0.plusSeconds(1800),
            "Open traffic incident: Traffic incident in songdo-3; extend green time by 15 s per cycle",
            new String[] {"alert songdo:traffic_incident:songdo-3:1", "songdo-trf-0111 occupancy +4.0σ"});

        writeTwice("recommendation", InsightJdbcSinks.RECOMMENDATION_SQL, InsightJdbcSinks::bindRecommendation,
            x -> List.of(x.cityId(), x.recommendationId()), List.of(r));

        assertThat(rows("SELECT action, target, valid_until = issued_at + interval '30 minutes', evidence FROM recommendation", 4))
            .containsExactly(List.of("EXTEND_GREEN_TIME", "technopark-ro-westbound", true,
                List.of("alert songdo:traffic_incident:songdo-3:1", "songdo-trf-0111 occupancy +4.0σ")));
    }
}
