package org.aicity.job.aggregate;

import org.aicity.job.OpaqueTypeInfo;

/** Flink type information of {@link SensorMinute}: an opaque type serialized by {@link SensorMinuteSerializer}. */
public final class SensorMinuteTypeInfo extends OpaqueTypeInfo<SensorMinute> {

    private static final long serialVersionUID = 1L;

    public SensorMinuteTypeInfo() {
        super(SensorMinute.class, new SensorMinuteSerializer());
    }
}
