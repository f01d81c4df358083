package org.aicity.platform.forecasts;

import org.aicity.platform.web.TimeWindow;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

@Repository
class ForecastQueries {

    /** One forecast: a target, a horizon, the value with its intervals and the baselines. */
    record ForecastPoint(String metric, int horizonMinutes, Instant issuedAt, Instant target, double value, double lower80,
                         double upper80, double lower95, double upper95, double persistence, Double seasonalNaive) {
    }

    /**
     * Accuracy summed over a range: for the model and both baselines, on the same targets. The
     * model's MAE against seasonal naive is over the targets where that baseline existed.
     */
    record AccuracyRow(String group, String metric, int horizonMinutes, long count, Double mae, Double smape,
                       Double coverage80, Double coverage95, Double persistenceMae, long seasonalCount,
                       Double maeWhereSeasonal, Double seasonalNaiveMae) {
    }

    private final JdbcClient jdbc;

    ForecastQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Oldest target first; null metric or horizon means all. */
    List<ForecastPoint> forecasts(String cityId, String seriesId, String metric, Integer horizon, TimeWindow window) {
        return jdbc.sql("""
                SELECT metric, horizon_minutes, issued_at, target, value, lower80, upper80, lower95, upper95,
                       persistence, seasonal_naive
                  FROM forecast
                 WHERE city_id = :city AND series_id = :series
                   AND (CAST(:metric AS text) IS NULL OR metric = :metric)
                   AND (CAST(:horizon AS integer) IS NULL OR horizon_minutes = :horizon)
                   AND target >= :from AND target < :to
                 ORDER BY target, metric, horizon_minutes""")
            .param("city", cityId).param("series", seriesId).param("metric", metric).param("horizon", horizon)
            .param("from", Timestamp.from(window.from())).param("to", Timestamp.from(window.to()))
            .query((rs, i) -> new ForecastPoint(rs.getString("metric"), rs.getInt("horizon_minutes"),
                rs.getTimestamp("issued_at").toInstant(), rs.getTimestamp("target").toInstant(), rs.getDouble("value"),
                rs.getDouble("lower80"), rs.getDouble("upper80"), rs.getDouble("lower95"), rs.getDouble("upper95"),
                rs.getDouble("persistence"), rs.getObject("seasonal_naive", Double.class)))
            .list();
    }

    /** Per metric and horizon of one series. */
    List<AccuracyRow> seriesAccuracy(String cityId, String seriesId, TimeWindow window) {
        return jdbc.sql(ACCURACY_SELECT.formatted("series_id") + """
                 WHERE city_id = :city AND series_id = :series AND period_start >= :from AND period_start < :to
                 GROUP BY series_id, metric, horizon_minutes
                 ORDER BY metric, horizon_minutes""")
            .param("city", cityId).param("series", seriesId)
            .param("from", Timestamp.from(window.from())).param("to", Timestamp.from(window.to()))
            .query(ForecastQueries::accuracy)
            .list();
    }

    /** Per domain, metric and horizon over every sensor series of a city (district KPIs excluded). */
    List<AccuracyRow> domainAccuracy(String cityId, String domain, TimeWindow window) {
        return jdbc.sql(ACCURACY_SELECT.formatted("domain") + """
                 WHERE city_id = :city AND series_id NOT LIKE 'district:%'
                   AND (CAST(:domain AS text) IS NULL OR domain = :domain)
                   AND period_start >= :from AND period_start < :to
                 GROUP BY domain, metric, horizon_minutes
                 ORDER BY domain, metric, horizon_minutes""")
            .param("city", cityId).param("domain", domain)
            .param("from", Timestamp.from(window.from())).param("to", Timestamp.from(window.to()))
            .query(ForecastQueries::accuracy)
            .list();
    }

    private static final String ACCURACY_SELECT = """
        SELECT %s AS grp, metric, horizon_minutes, SUM(count) AS n, SUM(sum_abs_error) AS sae, SUM(sum_smape) AS ssmape,
               SUM(within80) AS w80, SUM(within95) AS w95, SUM(sum_abs_error_persistence) AS saep,
               SUM(seasonal_count) AS sn, SUM(sum_abs_error_on_seasonal) AS saeos, SUM(sum_abs_error_seasonal) AS saes
          FROM forecast_accuracy
        """;

    private static AccuracyRow accuracy(ResultSet rs, int i) throws SQLException {
        long n = rs.getLong("n");
        long sn = rs.getLong("sn");
        return new AccuracyRow(rs.getString("grp"), rs.getString("metric"), rs.getInt("horizon_minutes"), n,
            ratio(rs.getDouble("sae"), n), ratio(rs.getDouble("ssmape"), n), ratio(rs.getDouble("w80"), n),
            ratio(rs.getDouble("w95"), n), ratio(rs.getDouble("saep"), n), sn, ratio(rs.getDouble("saeos"), sn),
            ratio(rs.getDouble("saes"), sn));
    }

    private static Double ratio(double sum, long n) {
        return n == 0 ? null : sum / n;
    }
}
