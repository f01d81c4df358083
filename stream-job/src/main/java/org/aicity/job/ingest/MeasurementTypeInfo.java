package org.aicity.job.ingest;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink type information of {@link Measurement}: an opaque (non-composite) type serialized by
 * {@link MeasurementSerializer}. {@link MeasurementTypeInfoFactory} returns it wherever Flink
 * extracts the type of a {@code Measurement}, so streams key it with a key selector (as the job
 * does with {@link Measurement#seriesKey()}), not with field expressions.
 */
public final class MeasurementTypeInfo extends TypeInformation<Measurement> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<Measurement> getTypeClass() {
        return Measurement.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<Measurement> createSerializer(SerializerConfig config) {
        return new MeasurementSerializer();
    }

    @Override
    public String toString() {
        return "MeasurementTypeInfo";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof MeasurementTypeInfo other && other.canEqual(this);
    }

    @Override
    public int hashCode() {
        return MeasurementTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof MeasurementTypeInfo;
    }
}
