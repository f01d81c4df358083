package org.aicity.job.sink;

import org.aicity.job.aggregate.MetricAggregate;
import org.aicity.job.ingest.DeadLetter;
import org.aicity.job.ingest.IngestStatus;
import org.aicity.job.ingest.ValidReading;
import org.apache.flink.api.connector.sink2.Sink;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The PostgreSQL sinks of the pipeline, one per table of the core schema (owned by the platform's
 * Flyway migrations). Every statement is idempotent, so the at-least-once sinks store each fact
 * once: readings and dead letters are inserted or ignored, aggregates and status are upserted
 * with the newest values. Readings, by far the most rows, are written with COPY by default
 * ({@link ReadingCopyWrite}), which keeps the insert-or-ignore meaning.
 */
public final class JdbcSinks {

    static final String READING_SQL = """
        INSERT INTO reading (sensor_key, ts, seq, metric_set, metric_values)
        VALUES (sensor_key_for(?, ?), ?, ?, metric_set_for(?), ?)
        ON CONFLICT DO NOTHING""";

    static final String AGGREGATE_SQL = """
        INSERT INTO aggregate_1m (city_id, sensor_id, metric, bucket, count, mean, min, max, last, last_ts, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
        ON CONFLICT (city_id, sensor_id, metric, bucket) DO UPDATE SET
          count = EXCLUDED.count, mean = EXCLUDED.mean, min = EXCLUDED.min, max = EXCLUDED.max,
          last = EXCLUDED.last, last_ts = EXCLUDED.last_ts, updated_at = EXCLUDED.updated_at""";

    static final String DEAD_LETTER_SQL = """
        INSERT INTO dead_letter (payload_sha256, element_index, received_at, topic, city_id, sensor_id, payload, reasons)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT DO NOTHING""";

    static final String STATUS_SQL = """
        INSERT INTO ingest_status (pipeline, subtask, messages_in, readings_valid, readings_invalid, duplicates,
                                   last_event_time, watermark, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (pipeline, subtask) DO UPDATE SET
          messages_in = EXCLUDED.messages_in, readings_valid = EXCLUDED.readings_valid,
          readings_invalid = EXCLUDED.readings_invalid, duplicates = EXCLUDED.duplicates,
          last_event_time = EXCLUDED.last_event_time, watermark = EXCLUDED.watermark, updated_at = EXCLUDED.updated_at""";

    private JdbcSinks() {
    }

    /** By COPY or by batched INSERTs, as {@link JdbcSettings#readingsWrite()} says. */
    public static Sink<ValidReading> readings(JdbcSettings s) {
        return new JdbcUpsertSink<>(s, "reading", readingsWrite(s.readingsWrite()), null);
    }

    static BatchWrite<ValidReading> readingsWrite(JdbcSettings.ReadingsWrite write) {
        return switch (write) {
            case COPY -> new ReadingCopyWrite();
            case INSERT -> new InsertBatchWrite<>(READING_SQL, JdbcSinks::bindReading);
        };
    }

    public static Sink<MetricAggregate> aggregates(JdbcSettings s) {
        return new JdbcUpsertSink<>(s, "aggregate_1m", AGGREGATE_SQL, JdbcSinks::bindAggregate,
            a -> List.of(a.cityId(), a.sensorId(), a.metric(), a.bucket()));
    }

    public static Sink<DeadLetter> deadLetters(JdbcSettings s) {
        return new JdbcUpsertSink<>(s, "dead_letter", DEAD_LETTER_SQL, JdbcSinks::bindDeadLetter, null);
    }

    public static Sink<IngestStatus> status(JdbcSettings s) {
        return new JdbcUpsertSink<>(s, "ingest_status", STATUS_SQL, JdbcSinks::bindStatus,
            st -> List.of(st.pipeline(), st.subtask()));
    }

    /** A reading: one row, its sensor by number and its metrics' values in the order of their list of names. */
    static void bindReading(PreparedStatement ps, ValidReading r) throws SQLException {
        ps.setString(1, r.cityId());
        ps.setString(2, r.sensorId());
        setTime(ps, 3, r.ts());
        ps.setLong(4, r.seq());
        ps.setArray(5, ps.getConnection().createArrayOf("text", r.metrics()));
        ps.setObject(6, r.values());
    }

    static void bindAggregate(PreparedStatement ps, MetricAggregate a) throws SQLException {
        ps.setString(1, a.cityId());
        ps.setString(2, a.sensorId());
        ps.setString(3, a.metric());
        setTime(ps, 4, a.bucket());
        ps.setLong(5, a.count());
        ps.setDouble(6, a.mean());
        ps.setDouble(7, a.min());
        ps.setDouble(8, a.max());
        ps.setDouble(9, a.last());
        setTime(ps, 10, a.lastTs());
    }

    static void bindDeadLetter(PreparedStatement ps, DeadLetter d) throws SQLException {
        ps.setBytes(1, d.payloadSha256());
        ps.setInt(2, d.elementIndex());
        setTime(ps, 3, d.receivedAt());
        ps.setString(4, d.topic());
        ps.setString(5, d.cityId());
        ps.setString(6, d.sensorId());
        ps.setBytes(7, d.payload());
        ps.setArray(8, ps.getConnection().createArrayOf("text", d.reasons()));
    }

    static void bindStatus(PreparedStatement ps, IngestStatus s) throws SQLException {
        ps.setString(1, s.pipeline());
        ps.setInt(2, s.subtask());
        ps.setLong(3, s.messagesIn());
        ps.setLong(4, s.readingsValid());
        ps.setLong(5, s.readingsInvalid());
        ps.setLong(6, s.duplicates());
        setTime(ps, 7, s.lastEventTime());
        setTime(ps, 8, s.watermark());
        setTime(ps, 9, s.updatedAt());
    }

    private static void setTime(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(i, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        }
    }
}
