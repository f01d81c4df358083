package org.aicity.job.replay;

import org.aicity.job.ingest.Measurement;

/**
 * One input row: a metric of a reading, with its position in the input file.
 *
 * @param row the 1-based line of the input file (a JSON line with several metrics gives one row per metric, same number)
 */
public record ReplayRow(long row, Measurement measurement) {

    /** The minute the row falls in, in epoch milliseconds. */
    long bucket() {
        return Math.floorDiv(measurement.ts().toEpochMilli(), 60_000L) * 60_000L;
    }
}
