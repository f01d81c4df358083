package org.aicity.job.sink;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A batched, at-least-once JDBC sink for one idempotent statement. Rows are buffered and written
 * when the batch is full, when the flush interval passes, and before every checkpoint completes
 * ({@link SinkWriter#flush}), so a checkpoint never covers an unwritten row; after a failure the
 * rows since the last checkpoint are written again, which the idempotent SQL absorbs.
 */
final class JdbcUpsertSink<T> implements Sink<T> {

    private final JdbcSettings settings;
    private final String table;
    private final String sql;
    private final RowBinder<T> binder;
    private final UpsertKey<T> key;

    /** @param key the conflict key for compaction, or null for INSERT ... DO NOTHING statements */
    JdbcUpsertSink(JdbcSettings settings, String table, String sql, RowBinder<T> binder, UpsertKey<T> key) {
        this.settings = settings;
        this.table = table;
        this.sql = sql;
        this.binder = binder;
        this.key = key;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new JdbcBatchWriter<>(settings, table, sql, binder, key, context.getProcessingTimeService(),
            context.metricGroup().getNumRecordsSendCounter());
    }

    @Override
    public String toString() {
        return "JdbcUpsertSink[" + table + "]";
    }
}
