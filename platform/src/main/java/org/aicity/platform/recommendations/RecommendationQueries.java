package org.aicity.platform.recommendations;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

@Repository
class RecommendationQueries {

    /** A recommendation as served. */
    record RecommendationView(String recommendationId, String districtId, String action, String target, Instant issuedAt,
                              Instant validUntil, String reason, List<String> evidence) {
    }

    private final JdbcClient jdbc;

    RecommendationQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Newest first; null filters match everything; {@code validAt} keeps those still valid then. */
    List<RecommendationView> recommendations(String cityId, String district, String action, Instant validAt, int limit) {
        return jdbc.sql("""
                SELECT recommendation_id, district_id, action, target, issued_at, valid_until, reason, evidence
                  FROM recommendation
                 WHERE city_id = :city
                   AND (CAST(:district AS text) IS NULL OR district_id = :district)
                   AND (CAST(:action AS text) IS NULL OR action = :action)
                   AND (CAST(:validAt AS timestamptz) IS NULL OR (issued_at <= :validAt AND valid_until > :validAt))
                 ORDER BY issued_at DESC, recommendation_id
                 LIMIT :limit""")
            .param("city", cityId).param("district", district).param("action", action)
            .param("validAt", validAt == null ? null : Timestamp.from(validAt)).param("limit", limit)
            .query((rs, i) -> new RecommendationView(rs.getString("recommendation_id"), rs.getString("district_id"),
                rs.getString("action"), rs.getString("target"), rs.getTimestamp("issued_at").toInstant(),
                rs.getTimestamp("valid_until").toInstant(), rs.getString("reason"), lines(rs.getArray("evidence"))))
            .list();
    }

    private static List<String> lines(Array a) throws SQLException {
        return a == null ? List.of() : List.of((String[]) a.getArray());
    }
}
