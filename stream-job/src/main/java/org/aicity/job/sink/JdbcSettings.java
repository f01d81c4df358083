package org.aicity.job.sink;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the sinks write to PostgreSQL.
 *
 * @param batchSize     rows buffered before a write
 * @param flushInterval the longest a row waits in the buffer
 * @param maxRetries    attempts after the first for a batch that fails with a transient error
 *                      (lost connection, deadlock, serialisation failure); then the job fails and
 *                      restarts from its last checkpoint
 */
public record JdbcSettings(String url, String user, String password, int batchSize, Duration flushInterval, int maxRetries)
    implements Serializable {

    public static final int DEFAULT_BATCH_SIZE = 1000;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(200);
    public static final int DEFAULT_MAX_RETRIES = 5;

    public JdbcSettings {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("JDBC URL must start with jdbc:postgresql:, got '" + url + "'");
        }
        if (batchSize <= 0 || flushInterval.isNegative() || flushInterval.isZero() || maxRetries < 0) {
            throw new IllegalArgumentException("batchSize and flushInterval must be positive and maxRetries not negative");
        }
    }

    public static JdbcSettings of(String url, String user, String password) {
        return new JdbcSettings(url, user, password, DEFAULT_BATCH_SIZE, DEFAULT_FLUSH_INTERVAL, DEFAULT_MAX_RETRIES);
    }

    @Override
    public String toString() {
        return "JdbcSettings[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "***")
            + ", batchSize=" + batchSize + ", flushInterval=" + flushInterval + ", maxRetries=" + maxRetries + "]";
    }
}
