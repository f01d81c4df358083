package org.aicity.job.aggregate;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** {@link SensorMinuteSerializer} through Flink's own serializer test battery. */
class SensorMinuteSerializerTest extends SerializerTestBase<SensorMinute> {

    @Override
    protected TypeSerializer<SensorMinute> createSerializer() {
        return new SensorMinuteTypeInfo().createSerializer(new SerializerConfigImpl());
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<SensorMinute> getTypeClass() {
        return SensorMinute.class;
    }

    @Override
    protected SensorMinute[] getTestData() {
        SensorMinute empty = new SensorMinute();
        SensorMinute traffic = new SensorMinute();
        traffic.add("averageVehicleSpeed", 38.5, 1_795_248_910_000L, 18_000);
        traffic.add("intensity", 12, 1_795_248_910_000L, 18_000);
        traffic.add("occupancy", 0.31, 1_795_248_910_000L, 18_000);
        traffic.add("averageVehicleSpeed", 41.0, 1_795_248_905_000L, 17_999);
        SensorMinute edges = new SensorMinute();
        edges.add("", Double.NaN, Long.MIN_VALUE, Long.MIN_VALUE);
        edges.add("측정값", Double.POSITIVE_INFINITY, Long.MAX_VALUE, Long.MAX_VALUE);
        edges.add("x", -0.0, 0, 0);
        for (int i = 0; i < 9; i++) {
            edges.add("m" + i, i, i, i);
        }
        return new SensorMinute[] {empty, traffic, edges};
    }
}
