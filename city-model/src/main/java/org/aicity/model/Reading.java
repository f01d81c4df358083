package org.aicity.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One sensor reading: the sensor, the event time it was measured at, the sensor's own sequence
 * number (monotonic per sensor; a redelivery carries the same one) and its metric values.
 */
public record Reading(String sensorId, Instant ts, long seq, Map<String, Double> metrics) {
    public Reading {
        Objects.requireNonNull(sensorId, "sensorId");
        Objects.requireNonNull(ts, "ts");
        // the decoder's metrics are immutable already; any other map is copied, so that no caller
        // can change a reading after the fact
        metrics = metrics instanceof MetricValues ? metrics : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
