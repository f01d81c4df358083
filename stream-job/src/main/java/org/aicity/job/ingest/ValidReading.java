package org.aicity.job.ingest;

import java.time.Instant;
import java.util.Arrays;

/**
 * A reading that passed validation and deduplication. Metric names and values are parallel
 * arrays rather than a map so that Flink serialises it as a POJO instead of falling back to Kryo.
 */
public record ValidReading(String cityId, String sensorId, Instant ts, long seq, String[] metrics, double[] values) {

    public ValidReading {
        if (metrics.length != values.length) {
            throw new IllegalArgumentException("metrics and values differ in length");
        }
    }

    /**
     * The sensor, as a Flink key ("city/sensor"): the same string as {@link RawMessage#sensorKey()}
     * of the message it came in, since the codec accepts only readings of the topic's sensor.
     */
    public String sensorKey() {
        return cityId + "/" + sensorId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValidReading r && seq == r.seq && cityId.equals(r.cityId) && sensorId.equals(r.sensorId)
            && ts.equals(r.ts) && Arrays.equals(metrics, r.metrics) && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
        return (cityId.hashCode() * 31 + sensorId.hashCode()) * 31 + Long.hashCode(seq);
    }

    @Override
    public String toString() {
        return "ValidReading[" + cityId + "/" + sensorId + " seq=" + seq + " ts=" + ts + " " + Arrays.toString(metrics)
            + "=" + Arrays.toString(values) + "]";
    }
}
