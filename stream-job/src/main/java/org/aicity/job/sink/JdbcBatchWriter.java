package org.aicity.job.sink;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongSupplier;

/**
 * Buffers rows and writes them in one transaction per batch, by the sink's {@link BatchWrite}
 * (batched INSERTs, or COPY for readings). A batch that fails with a transient
 * error is retried with a growing pause for up to {@link JdbcSettings#retryTimeout()}; meanwhile the
 * writer holds the task thread, so backpressure reaches the MQTT source and no checkpoint completes
 * (nothing is acknowledged to the broker). Every method, timer callbacks included, runs on the
 * task's mailbox thread, so the buffer needs no locking.
 */
final class JdbcBatchWriter<T> implements SinkWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcBatchWriter.class);
    static final long FIRST_PAUSE_MILLIS = 100;
    static final long MAX_PAUSE_MILLIS = 2_000;
    private static final Duration REMIND_EVERY = Duration.ofSeconds(30);

    /** Waits between attempts; tests replace it. */
    interface Pause {
        void sleep(long millis) throws InterruptedException;
    }

    private final JdbcSettings settings;
    private final String table;
    private final BatchWrite<T> method;
    private final UpsertKey<T> key;
    private final ProcessingTimeService time;
    private final Counter written;
    private final WriteHealth health;
    private final LongSupplier nanoClock;
    private final Pause pause;

    private final List<T> rows = new ArrayList<>();
    private final Map<Object, T> rowsByKey = new LinkedHashMap<>();
    private boolean flushScheduled;
    private Connection connection;
    private BatchWrite.Prepared<T> prepared;
    private long nextReminderNanos;

    JdbcBatchWriter(JdbcSettings settings, String table, String sql, RowBinder<T> binder, UpsertKey<T> key,
                    ProcessingTimeService time, Counter written, WriteHealth health) {
        this(settings, table, new InsertBatchWrite<>(sql, binder), key, time, written, health);
    }

    JdbcBatchWriter(JdbcSettings settings, String table, String sql, RowBinder<T> binder, UpsertKey<T> key,
                    ProcessingTimeService time, Counter written, WriteHealth health, LongSupplier nanoClock, Pause pause) {
        this(settings, table, new InsertBatchWrite<>(sql, binder), key, time, written, health, nanoClock, pause);
    }

    JdbcBatchWriter(JdbcSettings settings, String table, BatchWrite<T> method, UpsertKey<T> key,
                    ProcessingTimeService time, Counter written, WriteHealth health) {
        this(settings, table, method, key, time, written, health, System::nanoTime, Thread::sleep);
    }

    JdbcBatchWriter(JdbcSettings settings, String table, BatchWrite<T> method, UpsertKey<T> key,
                    ProcessingTimeService time, Counter written, WriteHealth health, LongSupplier nanoClock, Pause pause) {
        this.settings = settings;
        this.table = table;
        this.method = method;
        this.key = key;
        this.time = time;
        this.written = written;
        this.health = health;
        this.nanoClock = nanoClock;
        this.pause = pause;
    }

    @Override
    public void write(T row, Context context) throws IOException, InterruptedException {
        if (key == null) {
            rows.add(row);
            if (prepared != null) {
                prepared.rowBuffered(row);
            }
        } else {
            rowsByKey.remove(key.of(row)); // re-insert so the batch keeps the order of the latest rows
            rowsByKey.put(key.of(row), row);
        }
        if (buffered() >= settings.batchSize()) {
            writeBuffer();
        } else if (!flushScheduled) {
            flushScheduled = true;
            time.registerTimer(time.getCurrentProcessingTime() + settings.flushInterval().toMillis(), t -> {
                flushScheduled = false;
                writeBuffer();
            });
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        writeBuffer();
    }

    private int buffered() {
        return key == null ? rows.size() : rowsByKey.size();
    }

    private void writeBuffer() throws IOException, InterruptedException {
        if (buffered() == 0) {
            return;
        }
        Collection<T> batch = key == null ? rows : rowsByKey.values();
        long pauseMillis = FIRST_PAUSE_MILLIS;
        while (true) {
            try {
                writeBatch(batch);
            } catch (SQLException e) {
                closeQuietly();
                long now = nanoClock.getAsLong();
                String error = describe(e);
                boolean firstOfOutage = health.failed(error, now);
                if (!isTransient(e)) {
                    throw new IOException("writing " + batch.size() + " rows to " + table + " failed with an error that "
                        + "retrying cannot cure: " + error, e);
                }
                Duration outage = health.outage(now);
                if (outage.compareTo(settings.retryTimeout()) >= 0) {
                    throw new IOException("writing " + batch.size() + " rows to " + table + " has failed for "
                        + outage.toSeconds() + " s (" + health.attemptsThisOutage() + " attempts, retry timeout "
                        + settings.retryTimeout() + "), last error: " + error
                        + "; the job restarts from its last checkpoint, nothing acknowledged is lost", e);
                }
                // One failure is often just a connection the database closed while idle (after its
                // restart, say); an outage is announced when the retry on a new connection fails too.
                if (firstOfOutage) {
                    LOG.info("Writing {} rows to {} failed ({}); retrying on a new connection", batch.size(), table, error);
                } else if (health.attemptsThisOutage() == 2) {
                    nextReminderNanos = now + REMIND_EVERY.toNanos();
                    LOG.warn("Database outage: writing {} rows to {} failed twice ({}). Retrying with backoff for up to {}; "
                        + "until a write succeeds no checkpoint completes and no MQTT message is acknowledged, "
                        + "so the broker keeps them", batch.size(), table, error, settings.retryTimeout());
                } else if (now - nextReminderNanos >= 0) {
                    nextReminderNanos = now + REMIND_EVERY.toNanos();
                    LOG.warn("Database outage: writes to {} still failing after {} s and {} attempts ({})", table,
                        outage.toSeconds(), health.attemptsThisOutage(), error);
                }
                pause.sleep(pauseMillis);
                pauseMillis = Math.min(pauseMillis * 2, MAX_PAUSE_MILLIS);
                continue;
            }
            written.inc(batch.size());
            rows.clear();
            rowsByKey.clear();
            long attempts = health.attemptsThisOutage();
            Duration ended = health.succeeded(nanoClock.getAsLong());
            if (ended != null && attempts >= 2) {
                LOG.warn("Database outage over: writes to {} succeed again after {} ms and {} failed attempts",
                    table, ended.toMillis(), attempts);
            } else if (ended != null) {
                LOG.info("Writing to {} succeeded on a new connection", table);
            }
            return;
        }
    }

    private void writeBatch(Collection<T> batch) throws SQLException {
        if (connection == null) {
            Properties p = new Properties();
            if (settings.user() != null) {
                p.setProperty("user", settings.user());
            }
            if (settings.password() != null) {
                p.setProperty("password", settings.password());
            }
            p.setProperty("reWriteBatchedInserts", "true");
            p.setProperty("ApplicationName", "aicity-stream-job");
            // Without these a write to a server that vanished without closing the socket (network
            // partition, VM pause) would wait for the OS TCP timeout, many minutes, instead of retrying.
            p.setProperty("connectTimeout", "10");
            p.setProperty("socketTimeout", "120");
            p.setProperty("tcpKeepAlive", "true");
            // The driver is used directly, not through DriverManager, which does not see drivers
            // in Flink's child-first user-code class loader.
            connection = new Driver().connect(settings.url(), p);
            if (connection == null) {
                throw new SQLException("the PostgreSQL driver does not accept the URL " + settings.url(), "08001");
            }
            connection.setAutoCommit(false);
            prepared = method.prepare(connection);
        }
        prepared.writeAndCommit(batch);
    }

    /** Connection problems (08), transaction rollbacks such as deadlocks (40), resources (53), operator intervention (57). */
    static boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String c = s.getSQLState();
                if (c.startsWith("08") || c.startsWith("40") || c.startsWith("53") || c.startsWith("57")) {
                    return true;
                }
            }
            if (t instanceof SQLException s && s.getNextException() != null && s.getNextException() != t) {
                if (isTransient(s.getNextException())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The error in one line. A failed batch's own message quotes the whole statement with every
     * value, so the message of the exception it chains (the actual cause) is used instead.
     */
    static String describe(SQLException e) {
        SQLException cause = e instanceof BatchUpdateException && e.getNextException() != null ? e.getNextException() : e;
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().strip();
        int nl = message.indexOf('\n');
        message = nl < 0 ? message : message.substring(0, nl);
        message = message.length() <= 300 ? message : message.substring(0, 297) + "...";
        String state = cause.getSQLState() != null ? cause.getSQLState() : e.getSQLState();
        return message + (state == null ? "" : " [SQLState " + state + "]");
    }

    private void closeQuietly() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // already broken
        }
        connection = null;
        prepared = null;
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
