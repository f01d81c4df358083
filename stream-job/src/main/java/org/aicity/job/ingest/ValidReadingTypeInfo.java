package org.aicity.job.ingest;

import org.aicity.job.OpaqueTypeInfo;

/**
 * Flink type information of {@link ValidReading}: an opaque (non-composite) type serialized by
 * {@link ValidReadingSerializer}, returned by {@link ValidReadingTypeInfoFactory} wherever Flink
 * extracts the type of a {@code ValidReading}. Streams of readings are keyed with key selectors
 * ({@link ValidReading#sensorKey()}), not with field expressions.
 */
public final class ValidReadingTypeInfo extends OpaqueTypeInfo<ValidReading> {

    private static final long serialVersionUID = 1L;

    public ValidReadingTypeInfo() {
        super(ValidReading.class, new ValidReadingSerializer());
    }
}
