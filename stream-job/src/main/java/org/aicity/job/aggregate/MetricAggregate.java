package org.aicity.job.aggregate;

import java.time.Instant;

/** A row of {@code aggregate_1m}: one metric of one sensor over the minute starting at {@code bucket}. */
public record MetricAggregate(String cityId, String sensorId, String metric, Instant bucket, long count, double mean,
                              double min, double max, double last, Instant lastTs) {
}
