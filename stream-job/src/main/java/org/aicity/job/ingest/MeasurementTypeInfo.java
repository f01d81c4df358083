package org.aicity.job.ingest;

import org.aicity.job.OpaqueTypeInfo;

/**
 * Flink type information of {@link Measurement}: an opaque (non-composite) type serialized by
 * {@link MeasurementSerializer}. {@link MeasurementTypeInfoFactory} returns it wherever Flink
 * extracts the type of a {@code Measurement}, so streams key it with a key selector (as the job
 * does with {@link Measurement#seriesKey()}), not with field expressions.
 */
public final class MeasurementTypeInfo extends OpaqueTypeInfo<Measurement> {

    private static final long serialVersionUID = 1L;

    public MeasurementTypeInfo() {
        super(Measurement.class, new MeasurementSerializer());
    }
}
