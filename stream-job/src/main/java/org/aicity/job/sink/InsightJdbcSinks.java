package org.aicity.job.sink;

import org.aicity.job.decide.Recommendation;
import org.aicity.job.judge.Alert;
import org.aicity.job.judge.AnomalyScore;
import org.aicity.job.predict.Forecast;
import org.aicity.job.predict.ForecastAccuracy;
import org.apache.flink.api.connector.sink2.Sink;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;


/**
 * The sinks of the predict and judge stages (tables of the platform's migration V10), on the same
 * batched idempotent writer as the core sinks. Kept apart from {@link JdbcSinks} so the two
 * features change independently.
 */
public final class InsightJdbcSinks {

    static final String FORECAST_SQL = """
        INSERT INTO forecast (city_id, series_id, metric, horizon_minutes, target, issued_at, value, lower80, upper80,
                              lower95, upper95, persistence, seasonal_naive)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (city_id, series_id, metric, horizon_minutes, target) DO UPDATE SET
          issued_at = EXCLUDED.issued_at, value = EXCLUDED.value, lower80 = EXCLUDED.lower80, upper80 = EXCLUDED.upper80,
          lower95 = EXCLUDED.lower95, upper95 = EXCLUDED.upper95, persistence = EXCLUDED.persistence,
          seasonal_naive = EXCLUDED.seasonal_naive""";

    static final String ACCURACY_SQL = """
        INSERT INTO forecast_accuracy (city_id, series_id, metric, horizon_minutes, period_start, domain, count,
                                       sum_abs_error, sum_smape, within80, within95, sum_abs_error_persistence,
                                       seasonal_count, sum_abs_error_on_seasonal, sum_abs_error_seasonal)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (city_id, series_id, metric, horizon_minutes, period_start) DO UPDATE SET
          domain = EXCLUDED.domain, count = EXCLUDED.count, sum_abs_error = EXCLUDED.sum_abs_error,
          sum_smape = EXCLUDED.sum_smape, within80 = EXCLUDED.within80, within95 = EXCLUDED.within95,
          sum_abs_error_persistence = EXCLUDED.sum_abs_error_persistence, seasonal_count = EXCLUDED.seasonal_count,
          sum_abs_error_on_seasonal = EXCLUDED.sum_abs_error_on_seasonal,
          sum_abs_error_seasonal = EXCLUDED.sum_abs_error_seasonal""";

    static final String ANOMALY_SQL = """
        INSERT INTO anomaly_score (city_id, sensor_id, metric, bucket, value, expected, z, score, fault)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (city_id, sensor_id, metric, bucket) DO UPDATE SET
          value = EXCLUDED.value, expected = EXCLUDED.expected, z = EXCLUDED.z, score = EXCLUDED.score,
          fault = EXCLUDED.fault""";

    static final String ALERT_SQL = """
        INSERT INTO alert (city_id, alert_id, kind, subject_id, district_id, severity, status, since, raised_at,
                           closed_at, peak_score, summary, evidence, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
        ON CONFLICT (city_id, alert_id) DO UPDATE SET
          severity = EXCLUDED.severity, status = EXCLUDED.status, closed_at = EXCLUDED.closed_at,
          peak_score = EXCLUDED.peak_score, evidence = EXCLUDED.evidence, updated_at = EXCLUDED.updated_at""";

    static final String RECOMMENDATION_SQL = """
        INSERT INTO recommendation (city_id, recommendation_id, district_id, action, target, issued_at, valid_until,
                                    reason, evidence)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (city_id, recommendation_id) DO UPDATE SET
          target = EXCLUDED.target, valid_until = EXCLUDED.valid_until, reason = EXCLUDED.reason,
          evidence = EXCLUDED.evidence""";

    private InsightJdbcSinks() {
    }

    public static Sink<Forecast> forecasts(JdbcSettings s) {
        return new JdbcUpsertSink<>(s, "forecast", FORECAST_SQL, InsightJdbcSinks::bindForecast,
            f -> List.of(f.cityId(), f.seriesId(), f.metric(), f.horizonMinutes(), f.target()));
    }

    public static Sink<ForecastAccuracy> accuracy(JdbcSettings s) {
        return new JdbcUpsertSink<>(s, "forecast_accuracy", ACCURACY_SQL, InsightJdbcSinks::bindAccuracy,
            a -> List.of(a.cityId(), a.seriesId(), a.metric(), a.horizonMinutes(), a.periodStart()));
    }

    public static Sink<AnomalyScore> anomalies(JdbcSettings s) {
        return new JdbcUpsertSink<>(s, "anomaly_score", ANOMALY_SQL, InsightJdbcSinks::bindAnomaly,
            a -> List.of(a.cityId(), a.sensorId(), a.metric(), a.bucket()));
    }

    public static Sink<Alert> alerts(JdbcSettings s) {
        return new JdbcUpsertSink<>(s, "alert", ALERT_SQL, InsightJdbcSinks::bindAlert, a -> List.of(a.cityId(), a.alertId()));
    }

    public static Sink<Recommendation> recommendations(JdbcSettings s) {
        return new JdbcUpsertSink<>(s, "recommendation", RECOMMENDATION_SQL, InsightJdbcSinks::bindRecommendation,
            r -> List.of(r.cityId(), r.recommendationId()));
    }

    static void bindRecommendation(PreparedStatement ps, Recommendation r) throws SQLException {
        ps.setString(1, r.cityId());
        ps.setString(2, r.recommendationId());
        ps.setString(3, r.districtId());
        ps.setString(4, r.action().name());
        ps.setString(5, r.target());
        setTime(ps, 6, r.issuedAt());
        setTime(ps, 7, r.validUntil());
        ps.setString(8, r.reason());
        ps.setArray(9, ps.getConnection().createArrayOf("text", r.evidence()));
    }

    static void bindForecast(PreparedStatement ps, Forecast f) throws SQLException {
        ps.setString(1, f.cityId());
        ps.setString(2, f.seriesId());
        ps.setString(3, f.metric());
        ps.setInt(4, f.horizonMinutes());
        setTime(ps, 5, f.target());
        setTime(ps, 6, f.issuedAt());
        ps.setDouble(7, f.value());
        ps.setDouble(8, f.lower80());
        ps.setDouble(9, f.upper80());
        ps.setDouble(10, f.lower95());
        ps.setDouble(11, f.upper95());
        ps.setDouble(12, f.persistence());
        setNullable(ps, 13, f.seasonalNaive());
    }

    static void bindAccuracy(PreparedStatement ps, ForecastAccuracy a) throws SQLException {
        ps.setString(1, a.cityId());
        ps.setString(2, a.seriesId());
        ps.setString(3, a.metric());
        ps.setInt(4, a.horizonMinutes());
        setTime(ps, 5, a.periodStart());
        ps.setString(6, a.domain());
        ps.setLong(7, a.count());
        ps.setDouble(8, a.sumAbsError());
        ps.setDouble(9, a.sumSmape());
        ps.setLong(10, a.within80());
        ps.setLong(11, a.within95());
        ps.setDouble(12, a.sumAbsErrorPersistence());
        ps.setLong(13, a.seasonalCount());
        ps.setDouble(14, a.sumAbsErrorOnSeasonal());
        ps.setDouble(15, a.sumAbsErrorSeasonal());
    }

    static void bindAnomaly(PreparedStatement ps, AnomalyScore a) throws SQLException {
        ps.setString(1, a.cityId());
        ps.setString(2, a.sensorId());
        ps.setString(3, a.metric());
        setTime(ps, 4, a.bucket());
        setNullable(ps, 5, a.value());
        setNullable(ps, 6, a.expected());
        setNullable(ps, 7, a.z());
        ps.setDouble(8, a.score());
        ps.setString(9, a.fault().name());
    }

    static void bindAlert(PreparedStatement ps, Alert a) throws SQLException {
        ps.setString(1, a.cityId());
        ps.setString(2, a.alertId());
        ps.setString(3, a.kind().name());
        ps.setString(4, a.subjectId());
        ps.setString(5, a.districtId() == null || a.districtId().isEmpty() ? null : a.districtId());
        ps.setString(6, a.severity().name());
        ps.setString(7, a.open() ? "OPEN" : "RESOLVED");
        setTime(ps, 8, a.since());
        setTime(ps, 9, a.raisedAt());
        setTime(ps, 10, a.closedAt());
        ps.setDouble(11, a.peakScore());
        ps.setString(12, a.summary());
        ps.setArray(13, ps.getConnection().createArrayOf("text", a.evidence()));
    }

    private static void setNullable(PreparedStatement ps, int i, double v) throws SQLException {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    private static void setTime(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(i, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        }
    }

}
