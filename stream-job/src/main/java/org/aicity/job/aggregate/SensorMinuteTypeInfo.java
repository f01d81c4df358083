package org.aicity.job.aggregate;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink type information of {@link SensorMinute}: an opaque type serialized by {@link SensorMinuteSerializer}. */
public final class SensorMinuteTypeInfo extends TypeInformation<SensorMinute> {

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
    public Class<SensorMinute> getTypeClass() {
        return SensorMinute.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<SensorMinute> createSerializer(SerializerConfig config) {
        return new SensorMinuteSerializer();
    }

    @Override
    public String toString() {
        return "SensorMinuteTypeInfo";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof SensorMinuteTypeInfo other && other.canEqual(this);
    }

    @Override
    public int hashCode() {
        return SensorMinuteTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof SensorMinuteTypeInfo;
    }
}
