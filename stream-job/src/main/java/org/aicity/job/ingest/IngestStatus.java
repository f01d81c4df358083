package org.aicity.job.ingest;

import java.time.Instant;

/**
 * The counters of one parallel subtask of the ingest operator, since the job first started
 * (they survive restarts through checkpoints). The API sums the rows of a pipeline.
 *
 * @param messagesIn      MQTT messages received
 * @param readingsValid   valid readings passed on (a duplicate is not counted again)
 * @param readingsInvalid rejections sent to the dead-letter store (a whole message counts once)
 * @param duplicates      valid readings dropped because the same sensor, seq and ts was seen before
 * @param lastEventTime   the largest event time of a valid reading, or null before the first one
 * @param watermark       lastEventTime minus the allowed out-of-orderness, or null
 * @param updatedAt       processing time the record was emitted
 */
public record IngestStatus(String pipeline, int subtask, long messagesIn, long readingsValid, long readingsInvalid,
                           long duplicates, Instant lastEventTime, Instant watermark, Instant updatedAt) {
}
