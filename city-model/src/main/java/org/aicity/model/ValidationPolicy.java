package org.aicity.model;

import java.time.Duration;
import java.time.Instant;

/**
 * Limits the codec enforces. The defaults suit live ingest; replay of history relaxes
 * {@code earliest}.
 *
 * @param maxPayloadBytes   a larger message is rejected unread
 * @param maxBatchSize      a gateway batch with more readings is rejected whole
 * @param maxNestingDepth   JSON nested deeper than this is rejected (protects the parser)
 * @param maxMetrics        metrics per reading
 * @param earliest          readings stamped before this are rejected as ancient
 * @param maxFutureSkew     readings stamped further ahead of the receive time are rejected
 */
public record ValidationPolicy(int maxPayloadBytes, int maxBatchSize, int maxNestingDepth, int maxMetrics,
                               Instant earliest, Duration maxFutureSkew) implements java.io.Serializable {

    public static final ValidationPolicy DEFAULT = new ValidationPolicy(
        1024 * 1024, 5_000, 8, 32, Instant.parse("2000-01-01T00:00:00Z"), Duration.ofMinutes(5));

    public ValidationPolicy {
        if (maxPayloadBytes <= 0 || maxBatchSize <= 0 || maxNestingDepth < 3 || maxMetrics <= 0) {
            throw new IllegalArgumentException("validation limits must be positive (nesting depth at least 3)");
        }
    }

    public ValidationPolicy withEarliest(Instant e) {
        return new ValidationPolicy(maxPayloadBytes, maxBatchSize, maxNestingDepth, maxMetrics, e, maxFutureSkew);
    }
}
