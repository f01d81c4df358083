package org.aicity.job.sink;

import org.apache.flink.api.common.operators.MailboxExecutor;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Buffers rows and writes them in one transaction per batch, by the sink's {@link BatchWrite}
 * (batched INSERTs, or COPY for readings). A batch that fails with a transient
 * error is retried with a growing pause for up to {@link JdbcSettings#retryTimeout()}; meanwhile the
 * writer holds the task thread, so backpressure reaches the MQTT source and no checkpoint completes
 * (nothing is acknowledged to the broker). Every method, timer callbacks included, runs on the
 * task's mailbox thread, so the buffer needs no locking.
 *
 * <p><b>Overlapping batches.</b> A way of writing that streams its batch as it fills (COPY, see
 * {@link BatchWrite#overlapsCommits()}) may take turns on several connections ("lanes",
 * {@link JdbcSettings#readingsConnections()}): a full batch is handed to a committing thread, which
 * sends its rest, ends it and commits on that batch's connection, while the task thread streams the
 * next batch on the next connection. Measured before this, the readings writer waited for
 * PostgreSQL's end of each batch (the end of its COPY, then its commit) two thirds of the time, with
 * the machine a quarter idle; meanwhile nothing upstream moved. A lane is used again only when its
 * last batch is committed; a batch that failed there is then retried on the task thread, as above.
 * {@link #flush} waits for every lane, so a checkpoint still covers only committed rows. Batches of
 * different lanes may commit in either order, which a sink whose rows are inserted or ignored (no
 * compaction key) does not notice. Each connection, and the way of writing prepared for it, is used
 * by one thread at a time, handed over through the committing thread's queue and its future.
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

    /** A connection, its prepared way of writing, and its batch: filling, or committing on another thread. */
    private final class Lane {
        final int number;
        final List<T> rows = new ArrayList<>();
        Connection connection;
        BatchWrite.Prepared<T> prepared;
        /** The commit of {@link #rows} on the committing thread, or null. */
        Future<?> committing;
        /** Counts the lane's commits, so that a late report of a failed one does not wait for the next. */
        long commits;

        Lane(int number) {
            this.number = number;
        }
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

    private final List<Lane> lanes = new ArrayList<>();
    /** The lane whose batch fills. */
    private Lane filling;
    private final Map<Object, T> rowsByKey = new LinkedHashMap<>();
    private ExecutorService committer;
    /** The task's mailbox, told when a commit fails, or null (tests without one). */
    private MailboxExecutor mailbox;
    private boolean flushScheduled;
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
        int count = key == null && method.overlapsCommits() ? settings.readingsConnections() : 1;
        for (int i = 0; i < count; i++) {
            lanes.add(new Lane(i));
        }
        filling = lanes.get(0);
    }

    /**
     * Has a commit that fails on the committing thread handled on the task thread at once, through
     * its mailbox, rather than when the lane is next needed: with no rows arriving (an outage that
     * holds up the operators before this one) a failed batch would otherwise wait, unretried and
     * unreported, until the database came back.
     */
    void retryFailedCommitsVia(MailboxExecutor taskMailbox) {
        this.mailbox = taskMailbox;
    }

    /** How many connections this writer takes turns on. */
    int lanes() {
        return lanes.size();
    }

    @Override
    public void write(T row, Context context) throws IOException, InterruptedException {
        if (key == null) {
            if (filling.rows.isEmpty() && filling.prepared == null && lanes.size() > 1 && !health.retrying()) {
                connectQuietly(filling); // so that this batch streams too, not only the ones after it
            }
            filling.rows.add(row);
            if (filling.prepared != null) {
                filling.prepared.rowBuffered(row);
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

    /** Writes the buffer and waits until every batch is committed. */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        writeBuffer();
        for (Lane lane : lanes) {
            awaitCommit(lane);
        }
    }

    private int buffered() {
        return key == null ? filling.rows.size() : rowsByKey.size();
    }

    /**
     * Writes the filling batch: on this thread, or, with several lanes, handed to the committing
     * thread, after which the next lane fills once its own last batch is committed.
     */
    private void writeBuffer() throws IOException, InterruptedException {
        if (buffered() == 0) {
            return;
        }
        if (lanes.size() == 1) {
            Collection<T> batch = key == null ? filling.rows : rowsByKey.values();
            retryUntilWritten(filling, batch, attempt(filling, batch));
            return;
        }
        Lane lane = filling;
        if (committer == null) {
            committer = Executors.newFixedThreadPool(lanes.size() - 1, r -> {
                Thread t = new Thread(r, "jdbc-commit-" + table);
                t.setDaemon(true);
                return t;
            });
        }
        long commit = ++lane.commits;
        lane.committing = committer.submit(() -> {
            try {
                writeBatch(lane, lane.rows);
            } catch (SQLException e) {
                wakeOnFailure(lane, commit);
                throw e;
            }
            return null;
        });
        filling = lanes.get((lane.number + 1) % lanes.size());
        awaitCommit(filling);
    }

    /** On the committing thread: asks the task thread to take up the lane's failed commit now. */
    private void wakeOnFailure(Lane lane, long commit) {
        MailboxExecutor m = mailbox;
        if (m == null) {
            return;
        }
        try {
            m.execute(() -> {
                if (lane.commits == commit) {
                    awaitCommit(lane); // no-op if it was taken up meanwhile
                }
            }, "retry a failed commit to %s", table);
        } catch (RuntimeException e) {
            LOG.debug("The task's mailbox refused the retry of a failed commit to {} (closing?): {}", table, e.toString());
        }
    }

    /** Waits for the lane's batch on the committing thread; one that failed is written here, with retries. */
    private void awaitCommit(Lane lane) throws IOException, InterruptedException {
        Future<?> commit = lane.committing;
        if (commit == null) {
            return;
        }
        SQLException failure = null;
        try {
            commit.get(); // interrupted, the lane stays committing, for close() to abort
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof SQLException s)) {
                lane.committing = null;
                closeQuietly(lane);
                throw new IOException("writing " + lane.rows.size() + " rows to " + table + " failed: " + e.getCause(), e.getCause());
            }
            failure = s;
        }
        lane.committing = null;
        retryUntilWritten(lane, lane.rows, failure);
    }

    /** One attempt at the batch on the lane's connection: how it failed, or null. */
    private SQLException attempt(Lane lane, Collection<T> batch) {
        try {
            writeBatch(lane, batch);
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    /**
     * Retries the batch, after an attempt that failed, until it is written or the failure is one
     * retrying cannot cure or outlasts the retry timeout (thrown).
     *
     * @param failure how the last attempt failed, or null if it succeeded
     */
    private void retryUntilWritten(Lane lane, Collection<T> batch, SQLException failure) throws IOException, InterruptedException {
        long pauseMillis = FIRST_PAUSE_MILLIS;
        for (SQLException e = failure; e != null; e = attempt(lane, batch)) {
            closeQuietly(lane);
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
        }
        succeeded(lane, batch);
    }

    private void succeeded(Lane lane, Collection<T> batch) {
        written.inc(batch.size());
        lane.rows.clear();
        rowsByKey.clear();
        long attempts = health.attemptsThisOutage();
        Duration ended = health.succeeded(nanoClock.getAsLong());
        if (ended != null && attempts >= 2) {
            LOG.warn("Database outage over: writes to {} succeed again after {} ms and {} failed attempts",
                table, ended.toMillis(), attempts);
        } else if (ended != null) {
            LOG.info("Writing to {} succeeded on a new connection", table);
        }
    }

    private void writeBatch(Lane lane, Collection<T> batch) throws SQLException {
        if (lane.connection == null) {
            lane.connection = connect();
            lane.prepared = method.prepare(lane.connection);
        }
        lane.prepared.writeAndCommit(batch);
    }

    /** Connects the lane; on failure leaves it without a connection, for its batch's commit to retry. */
    private void connectQuietly(Lane lane) {
        try {
            lane.connection = connect();
            lane.prepared = method.prepare(lane.connection);
        } catch (SQLException e) {
            LOG.debug("Connecting lane {} of the writer to {} failed ({}); its batch connects when it is written", lane.number, table,
                describe(e));
            closeQuietly(lane);
        }
    }

    private Connection connect() throws SQLException {
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
        Connection c = new Driver().connect(settings.url(), p);
        if (c == null) {
            throw new SQLException("the PostgreSQL driver does not accept the URL " + settings.url(), "08001");
        }
        try {
            c.setAutoCommit(false);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
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

    private void closeQuietly(Lane lane) {
        try {
            if (lane.connection != null) {
                lane.connection.close();
            }
        } catch (SQLException ignored) {
            // already broken
        }
        lane.connection = null;
        lane.prepared = null;
    }

    /**
     * Closes every connection. A batch still committing is abandoned: closing its connection ends the
     * committing thread's wait, and its transaction rolls back; its rows come again from the last
     * checkpoint, as every row since then does.
     */
    @Override
    public void close() {
        if (committer != null) {
            committer.shutdownNow();
        }
        for (Lane lane : lanes) {
            if (lane.committing != null && !lane.committing.isDone() && lane.connection != null) {
                try {
                    lane.connection.abort(Runnable::run); // closes the socket under the committing thread's wait
                } catch (SQLException | RuntimeException e) {
                    LOG.debug("Aborting the connection of a batch still committing to {} failed: {}", table, e.toString());
                }
            }
            closeQuietly(lane);
        }
        if (committer != null) {
            try {
                if (!committer.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("The thread committing to {} did not end within 10 s of closing its connections", table);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
