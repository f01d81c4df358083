package org.aicity.job.ingest;

import org.apache.flink.api.common.typeinfo.TypeInfo;

import java.time.Instant;

/**
 * One metric of one reading: a row of the {@code reading} table and the input of the windows.
 * Flink serializes it with {@link MeasurementSerializer} (through {@link MeasurementTypeInfoFactory}),
 * not with its generic record serializer.
 */
@TypeInfo(MeasurementTypeInfoFactory.class)
public record Measurement(String cityId, String sensorId, String metric, Instant ts, long seq, double value) {

    /** The sensor, as a Flink key ("city/sensor"): the key the job decodes and windows by. */
    public String sensorKey() {
        return cityId + "/" + sensorId;
    }

    /** The time series this measurement belongs to, as a Flink key ("city/sensor/metric"). */
    public String seriesKey() {
        return cityId + "/" + sensorId + "/" + metric;
    }
}
