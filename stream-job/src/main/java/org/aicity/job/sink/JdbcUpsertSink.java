package org.aicity.job.sink;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * A batched, at-least-once JDBC sink for one idempotent statement, or a COPY that behaves as one
 * ({@link ReadingCopyWrite}). Rows are buffered and written when the batch is full, when the flush
 * interval passes, and before every checkpoint completes ({@link SinkWriter#flush}), so a checkpoint
 * never covers an unwritten row; after a failure the rows since the last checkpoint are written
 * again, which the idempotent SQL absorbs.
 */
final class JdbcUpsertSink<T> implements Sink<T> {

    private final JdbcSettings settings;
    private final String table;
    private final BatchWrite<T> method;
    private final UpsertKey<T> key;

    /** @param key the conflict key for compaction, or null for INSERT ... DO NOTHING statements */
    JdbcUpsertSink(JdbcSettings settings, String table, String sql, RowBinder<T> binder, UpsertKey<T> key) {
        this(settings, table, new InsertBatchWrite<>(sql, binder), key);
    }

    /** @param key the conflict key for compaction, or null when rows already stored are kept (DO NOTHING) */
    JdbcUpsertSink(JdbcSettings settings, String table, BatchWrite<T> method, UpsertKey<T> key) {
        this.settings = settings;
        this.table = table;
        this.method = method;
        this.key = key;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        WriteHealth health = new WriteHealth();
        registerMetrics(context.metricGroup(), health);
        JdbcBatchWriter<T> writer = new JdbcBatchWriter<>(settings, table, method, key, context.getProcessingTimeService(),
            context.metricGroup().getNumRecordsSendCounter(), health);
        writer.retryFailedCommitsVia(context.getMailboxExecutor());
        return writer;
    }

    /**
     * The writer's health as metrics of the sink operator, e.g. in Flink's web UI and REST API
     * ({@code /jobs/<id>/vertices/<id>/metrics}) or any configured reporter (Prometheus, JMX).
     */
    static void registerMetrics(MetricGroup group, WriteHealth health) {
        group.counter("jdbcFailedWriteAttempts", new ReadOnlyCounter(health::failedAttempts));
        group.counter("jdbcOutages", new ReadOnlyCounter(health::outages));
        group.gauge("jdbcRetrying", () -> health.retrying() ? 1 : 0);
        group.gauge("jdbcCurrentOutageMillis", () -> health.outage(System.nanoTime()).toMillis());
        group.gauge("jdbcLastError", health::lastError);
    }

    /** A counter whose count lives elsewhere (in {@link WriteHealth}). */
    private record ReadOnlyCounter(java.util.function.LongSupplier count) implements Counter {
        @Override
        public void inc() {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public void inc(long n) {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public void dec() {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public void dec(long n) {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public long getCount() {
            return count.getAsLong();
        }
    }

    @Override
    public String toString() {
        return "JdbcUpsertSink[" + table + (method instanceof ReadingCopyWrite ? ", COPY" : "") + "]";
    }
}
