package org.aicity.job.replay;

import java.time.Instant;

/**
 * The anomaly score of one input row: the judgement of the minute of its series it falls in.
 *
 * @param fault the failed fault check, NONE, or UNSCORED when the row's minute was never judged
 *              (it arrived after its window closed for good, or behind a newer step of its series)
 */
public record RowScore(long row, Instant ts, String sensorId, String metric, double value, Instant bucket, double expected,
                       double z, double score, String fault) {
}
