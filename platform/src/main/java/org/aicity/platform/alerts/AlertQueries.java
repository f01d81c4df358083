package org.aicity.platform.alerts;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

@Repository
class AlertQueries {

    /** An alert as served. */
    record AlertView(String alertId, String kind, String subjectId, String districtId, String severity, String status,
                     Instant since, Instant raisedAt, Instant closedAt, double peakScore, String summary,
                     List<String> evidence) {
    }

    private final JdbcClient jdbc;

    AlertQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Newest raised first; null filters match everything. */
    List<AlertView> alerts(String cityId, String status, String kind, int limit) {
        return jdbc.sql("""
                SELECT alert_id, kind, subject_id, district_id, severity, status, since, raised_at, closed_at,
                       peak_score, summary, evidence
                  FROM alert
                 WHERE city_id = :city
                   AND (CAST(:status AS text) IS NULL OR status = :status)
                   AND (CAST(:kind AS text) IS NULL OR kind = :kind)
                 ORDER BY raised_at DESC, alert_id
                 LIMIT :limit""")
            .param("city", cityId).param("status", status).param("kind", kind).param("limit", limit)
            .query((rs, i) -> new AlertView(rs.getString("alert_id"), rs.getString("kind"), rs.getString("subject_id"),
                rs.getString("district_id"), rs.getString("severity"), rs.getString("status"),
                rs.getTimestamp("since").toInstant(), rs.getTimestamp("raised_at").toInstant(),
                instant(rs.getTimestamp("closed_at")), rs.getDouble("peak_score"), rs.getString("summary"),
                lines(rs.getArray("evidence"))))
            .list();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static List<String> lines(Array a) throws SQLException {
        return a == null ? List.of() : List.of((String[]) a.getArray());
    }
}
