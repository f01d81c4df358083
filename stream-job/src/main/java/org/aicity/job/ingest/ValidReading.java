package org.aicity.job.ingest;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.time.Instant;
import java.util.Arrays;

/**
 * A reading that passed validation and deduplication: one row of the {@code reading} table. Metric
 * names and values are parallel arrays, stored as such. Flink serializes it with
 * {@link ValidReadingSerializer} (through {@link ValidReadingTypeInfoFactory}).
 *
 * <p>Immutable by contract: nothing writes into the arrays after decoding made them, which lets
 * the serializer hand the same instance to chained operators instead of copying it.
 */
@TypeInfo(ValidReadingTypeInfoFactory.class)
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
