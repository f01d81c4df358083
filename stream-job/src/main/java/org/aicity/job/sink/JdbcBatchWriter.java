package org.aicity.job.sink;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Buffers rows and writes them in one transaction per batch, retrying transient failures with
 * a growing pause. Every method, timer callbacks included, runs on the task's mailbox thread, so
 * the buffer needs no locking.
 */
final class JdbcBatchWriter<T> implements SinkWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcBatchWriter.class);

    private final JdbcSettings settings;
    private final String table;
    private final String sql;
    private final RowBinder<T> binder;
    private final UpsertKey<T> key;
    private final ProcessingTimeService time;
    private final Counter written;

    private final List<T> rows = new ArrayList<>();
    private final Map<Object, T> rowsByKey = new LinkedHashMap<>();
    private boolean flushScheduled;
    private Connection connection;
    private PreparedStatement statement;

    JdbcBatchWriter(JdbcSettings settings, String table, String sql, RowBinder<T> binder, UpsertKey<T> key,
                    ProcessingTimeService time, Counter written) {
        this.settings = settings;
        this.table = table;
        this.sql = sql;
        this.binder = binder;
        this.key = key;
        this.time = time;
        this.written = written;
    }

    @Override
    public void write(T row, Context context) throws IOException, InterruptedException {
        if (key == null) {
            rows.add(row);
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
        long pauseMillis = 100;
        for (int attempt = 0; ; attempt++) {
            try {
                writeBatch(batch);
                written.inc(batch.size());
                rows.clear();
                rowsByKey.clear();
                return;
            } catch (SQLException e) {
                closeQuietly();
                if (attempt >= settings.maxRetries() || !isTransient(e)) {
                    throw new IOException("writing " + batch.size() + " rows to " + table + " failed after "
                        + (attempt + 1) + " attempt(s): " + describe(e), e);
                }
                LOG.warn("Writing {} rows to {} failed ({}); retry {} of {} in {} ms", batch.size(), table, describe(e),
                    attempt + 1, settings.maxRetries(), pauseMillis);
                Thread.sleep(pauseMillis);
                pauseMillis = Math.min(pauseMillis * 2, 5_000);
            }
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
            // The driver is used directly, not through DriverManager, which does not see drivers
            // in Flink's child-first user-code class loader.
            connection = new Driver().connect(settings.url(), p);
            if (connection == null) {
                throw new SQLException("the PostgreSQL driver does not accept the URL " + settings.url(), "08001");
            }
            connection.setAutoCommit(false);
            statement = connection.prepareStatement(sql);
        }
        try {
            for (T row : batch) {
                binder.bind(statement, row);
                statement.addBatch();
            }
            statement.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the connection is closed and replaced by the caller
            }
            throw e;
        }
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

    private static String describe(SQLException e) {
        SQLException next = e.getNextException();
        return e.getMessage() + (e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]")
            + (next == null ? "" : "; " + next.getMessage());
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
        statement = null;
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
