package org.aicity.job.sink;

import java.time.Duration;

/**
 * The write health of one sink writer: whether it is in an outage (its last attempt failed), since
 * when, how many attempts failed in all, and the last error. Plain Java, driven by the writer on
 * the task thread and read by metric gauges on the metrics thread, hence the volatile fields.
 */
final class WriteHealth {

    private volatile long failedAttempts;
    private volatile long outages;
    private volatile long outageStartNanos;
    private volatile boolean retrying;
    private volatile String lastError = "";
    private long attemptsThisOutage;

    /**
     * Records a failed attempt.
     *
     * @return true if it is the first failure of a new outage
     */
    boolean failed(String error, long nowNanos) {
        failedAttempts++;
        attemptsThisOutage++;
        lastError = error;
        if (retrying) {
            return false;
        }
        outageStartNanos = nowNanos;
        outages++;
        retrying = true;
        return true;
    }

    /**
     * Records a successful write.
     *
     * @return how long the outage it ends lasted, or null if there was none
     */
    Duration succeeded(long nowNanos) {
        if (!retrying) {
            return null;
        }
        retrying = false;
        attemptsThisOutage = 0;
        return Duration.ofNanos(nowNanos - outageStartNanos);
    }

    /** How long the current outage has lasted; zero when writes succeed. */
    Duration outage(long nowNanos) {
        return retrying ? Duration.ofNanos(nowNanos - outageStartNanos) : Duration.ZERO;
    }

    long failedAttempts() {
        return failedAttempts;
    }

    long attemptsThisOutage() {
        return attemptsThisOutage;
    }

    long outages() {
        return outages;
    }

    boolean retrying() {
        return retrying;
    }

    /** The last error, or the empty string before the first; kept after recovery for the record. */
    String lastError() {
        return lastError;
    }
}
