package org.aicity.platform.status;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

@Repository
class IngestStatusQueries {

    /**
     * Counters summed over subtasks. The watermark is the smallest subtask watermark (what the
     * pipeline as a whole has passed); the last event time is the largest.
     */
    record IngestTotals(String pipeline, int subtasks, long messagesIn, long readingsValid, long readingsInvalid,
                        long duplicates, Instant lastEventTime, Instant watermark, Instant updatedAt) {
    }

    private final JdbcClient jdbc;

    IngestStatusQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<IngestTotals> perPipeline() {
        return jdbc.sql("""
                SELECT pipeline, count(*) AS subtasks, sum(messages_in) AS messages_in,
                       sum(readings_valid) AS readings_valid, sum(readings_invalid) AS readings_invalid,
                       sum(duplicates) AS duplicates, max(last_event_time) AS last_event_time,
                       min(watermark) AS watermark, max(updated_at) AS updated_at
                  FROM ingest_status GROUP BY pipeline ORDER BY pipeline""")
            .query(IngestStatusQueries::map)
            .list();
    }

    private static IngestTotals map(ResultSet rs, int row) throws SQLException {
        return new IngestTotals(rs.getString("pipeline"), rs.getInt("subtasks"), rs.getLong("messages_in"),
            rs.getLong("readings_valid"), rs.getLong("readings_invalid"), rs.getLong("duplicates"),
            instant(rs.getTimestamp("last_event_time")), instant(rs.getTimestamp("watermark")),
            instant(rs.getTimestamp("updated_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
