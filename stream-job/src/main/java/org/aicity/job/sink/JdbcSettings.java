package org.aicity.job.sink;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how the sinks write to PostgreSQL.
 *
 * @param batchSize     rows buffered before a write
 * @param flushInterval the longest a row waits in the buffer
 * @param retryTimeout  how long a batch that fails with a transient error (database down, lost
 *                      connection, deadlock, serialisation failure) is retried, with backoff, before
 *                      the job fails and Flink restarts it from its last checkpoint. While a writer
 *                      retries, no checkpoint completes, so no MQTT message is acknowledged.
 * @param readingsWrite how the readings sink writes: COPY (the default) or batched INSERTs
 * @param readingsConnections connections each readings writer takes turns on (1 to {@link #MAX_READINGS_CONNECTIONS}):
 *                      with more than one, a batch ends and commits on another thread while the next
 *                      one streams on the next connection, so the writer does not wait for the
 *                      database's end of every batch (see {@link JdbcBatchWriter})
 */
public record JdbcSettings(String url, String user, String password, int batchSize, Duration flushInterval,
                           Duration retryTimeout, ReadingsWrite readingsWrite, int readingsConnections) implements Serializable {

    /** How the readings sink writes. Both store each reading once, replays included. */
    public enum ReadingsWrite {
        /**
         * {@code COPY ... FROM STDIN (FORMAT binary)} straight into the table; a batch that meets
         * rows stored already (a replay after a restart) is written again through a temporary table
         * and {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING}. Measured: a third less database CPU per
         * row than INSERTs, and three quarters less in the job.
         */
        COPY,
        /** Batched {@code INSERT ... ON CONFLICT DO NOTHING}, the way of every other sink. */
        INSERT;

        /** {@code copy} or {@code insert}, in any case. */
        public static ReadingsWrite parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("readings write must be copy or insert, got '" + s + "'", e);
            }
        }
    }

    /**
     * Rows per transaction. The readings sink streams its COPY while a batch fills, so the batch
     * size sets how often it commits, not how long rows wait (the flush interval bounds that):
     * measured with batches of 100 readings per message, 5,000 stored 78k readings/s where 1,000
     * stored 58-68k, as every COPY and commit costs PostgreSQL about a millisecond.
     */
    public static final int DEFAULT_BATCH_SIZE = 5000;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(200);
    public static final int DEFAULT_READINGS_CONNECTIONS = 2;
    public static final int MAX_READINGS_CONNECTIONS = 8;
    /** As long as Flink's default checkpoint timeout: longer gains nothing, the checkpoint expires first. */
    public static final Duration DEFAULT_RETRY_TIMEOUT = Duration.ofMinutes(10);

    public JdbcSettings {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("JDBC URL must start with jdbc:postgresql:, got '" + url + "'");
        }
        if (batchSize <= 0 || flushInterval.isNegative() || flushInterval.isZero() || retryTimeout.isNegative()) {
            throw new IllegalArgumentException("batchSize and flushInterval must be positive and retryTimeout not negative");
        }
        Objects.requireNonNull(readingsWrite, "readingsWrite");
        if (readingsConnections < 1 || readingsConnections > MAX_READINGS_CONNECTIONS) {
            throw new IllegalArgumentException("readingsConnections must be 1 to " + MAX_READINGS_CONNECTIONS + ", got "
                + readingsConnections);
        }
    }

    /** With {@link #DEFAULT_READINGS_CONNECTIONS}. */
    public JdbcSettings(String url, String user, String password, int batchSize, Duration flushInterval,
                        Duration retryTimeout, ReadingsWrite readingsWrite) {
        this(url, user, password, batchSize, flushInterval, retryTimeout, readingsWrite, DEFAULT_READINGS_CONNECTIONS);
    }

    /** With readings written by COPY. */
    public JdbcSettings(String url, String user, String password, int batchSize, Duration flushInterval,
                        Duration retryTimeout) {
        this(url, user, password, batchSize, flushInterval, retryTimeout, ReadingsWrite.COPY);
    }

    public static JdbcSettings of(String url, String user, String password) {
        return new JdbcSettings(url, user, password, DEFAULT_BATCH_SIZE, DEFAULT_FLUSH_INTERVAL, DEFAULT_RETRY_TIMEOUT);
    }

    public JdbcSettings withRetryTimeout(Duration timeout) {
        return new JdbcSettings(url, user, password, batchSize, flushInterval, timeout, readingsWrite, readingsConnections);
    }

    public JdbcSettings withReadingsWrite(ReadingsWrite write) {
        return new JdbcSettings(url, user, password, batchSize, flushInterval, retryTimeout, write, readingsConnections);
    }

    public JdbcSettings withReadingsConnections(int connections) {
        return new JdbcSettings(url, user, password, batchSize, flushInterval, retryTimeout, readingsWrite, connections);
    }

    @Override
    public String toString() {
        return "JdbcSettings[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "***")
            + ", batchSize=" + batchSize + ", flushInterval=" + flushInterval + ", retryTimeout=" + retryTimeout
            + ", readingsWrite=" + readingsWrite + ", readingsConnections=" + readingsConnections + "]";
    }
}
