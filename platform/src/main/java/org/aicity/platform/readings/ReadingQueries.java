package org.aicity.platform.readings;

import org.aicity.platform.web.TimeWindow;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

@Repository
class ReadingQueries {

    /** One stored value: a metric of one reading. */
    record ReadingPoint(Instant ts, long seq, String metric, double value) {
    }

    /** The statistics of one metric over one event-time minute. */
    record Aggregate(String metric, Instant bucket, long count, double mean, double min, double max,
                     double last, Instant lastTs) {
    }

    private final JdbcClient jdbc;

    ReadingQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Newest first, a point per metric of each stored reading; a null metric means every metric. */
    List<ReadingPoint> readings(String cityId, String sensorId, String metric, TimeWindow window, int limit) {
        return jdbc.sql("""
                SELECT r.ts, r.seq, m.metric, m.value
                  FROM reading r
                  JOIN metric_set ms ON ms.id = r.metric_set
                 CROSS JOIN LATERAL unnest(ms.names, r.metric_values) AS m(metric, value)
                 WHERE r.sensor_key = (SELECT key FROM sensor_key WHERE city_id = :city AND sensor_id = :sensor)
                   AND (CAST(:metric AS text) IS NULL OR m.metric = :metric)
                   AND r.ts >= :from AND r.ts < :to
                 ORDER BY r.ts DESC, r.seq DESC, m.metric
                 LIMIT :limit""")
            .param("city", cityId)
            .param("sensor", sensorId)
            .param("metric", metric)
            .param("from", Timestamp.from(window.from()))
            .param("to", Timestamp.from(window.to()))
            .param("limit", limit)
            .query((rs, i) -> new ReadingPoint(rs.getTimestamp("ts").toInstant(), rs.getLong("seq"),
                rs.getString("metric"), rs.getDouble("value")))
            .list();
    }

    /** Oldest bucket first; a null metric means every metric. */
    List<Aggregate> aggregates(String cityId, String sensorId, String metric, TimeWindow window) {
        return jdbc.sql("""
                SELECT metric, bucket, count, mean, min, max, last, last_ts FROM aggregate_1m
                 WHERE city_id = :city AND sensor_id = :sensor
                   AND (CAST(:metric AS text) IS NULL OR metric = :metric)
                   AND bucket >= :from AND bucket < :to
                 ORDER BY bucket, metric""")
            .param("city", cityId)
            .param("sensor", sensorId)
            .param("metric", metric)
            .param("from", Timestamp.from(window.from()))
            .param("to", Timestamp.from(window.to()))
            .query((rs, i) -> new Aggregate(rs.getString("metric"), rs.getTimestamp("bucket").toInstant(),
                rs.getLong("count"), rs.getDouble("mean"), rs.getDouble("min"), rs.getDouble("max"),
                rs.getDouble("last"), rs.getTimestamp("last_ts").toInstant()))
            .list();
    }
}
