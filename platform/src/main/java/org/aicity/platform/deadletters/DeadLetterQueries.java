package org.aicity.platform.deadletters;

import org.aicity.platform.web.TimeWindow;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.List;

@Repository
class DeadLetterQueries {

    private final JdbcClient jdbc;

    DeadLetterQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Newest first. */
    List<DeadLetter> list(String cityId, TimeWindow window, int limit) {
        return jdbc.sql("""
                SELECT id, received_at, topic, sensor_id, element_index, reasons, payload FROM dead_letter
                 WHERE city_id = :city AND received_at >= :from AND received_at < :to
                 ORDER BY received_at DESC, id DESC
                 LIMIT :limit""")
            .param("city", cityId)
            .param("from", Timestamp.from(window.from()))
            .param("to", Timestamp.from(window.to()))
            .param("limit", limit)
            .query((rs, i) -> DeadLetter.of(rs.getLong("id"), rs.getTimestamp("received_at").toInstant(),
                rs.getString("topic"), rs.getString("sensor_id"), rs.getInt("element_index"),
                List.of((String[]) rs.getArray("reasons").getArray()), rs.getBytes("payload")))
            .list();
    }

    long count(String cityId, TimeWindow window) {
        return jdbc.sql("SELECT count(*) FROM dead_letter WHERE city_id = :city AND received_at >= :from AND received_at < :to")
            .param("city", cityId)
            .param("from", Timestamp.from(window.from()))
            .param("to", Timestamp.from(window.to()))
            .query(Long.class)
            .single();
    }
}
