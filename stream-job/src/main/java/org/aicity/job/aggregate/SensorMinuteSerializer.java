package org.aicity.job.aggregate;

import org.aicity.job.OwnFormatSerializer;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Flink serializer of {@link SensorMinute}, in the value's own versioned format (one bulk write).
 * Stateless, so the snapshot only names the class. {@link #copy} is deep: the heap state backend
 * relies on it before an in-place {@link SensorMinute#add} of a value a snapshot still holds.
 */
public final class SensorMinuteSerializer extends OwnFormatSerializer<SensorMinute> {

    private static final long serialVersionUID = 1L;

    @Override
    public SensorMinute createInstance() {
        return new SensorMinute();
    }

    @Override
    public SensorMinute copy(SensorMinute from) {
        return from.copy();
    }

    @Override
    public void serialize(SensorMinute record, DataOutputView target) throws IOException {
        record.writeTo(target);
    }

    @Override
    public SensorMinute deserialize(DataInputView source) throws IOException {
        return SensorMinute.readFrom(source);
    }

    @Override
    public TypeSerializerSnapshot<SensorMinute> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores a {@link SensorMinuteSerializer}; instantiated by Flink by its class name. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SensorMinute> {
        public Snapshot() {
            super(SensorMinuteSerializer::new);
        }
    }
}
