package org.aicity.job.predict;

import org.aicity.job.OwnFormatSerializer;
import org.aicity.job.judge.FaultChecks;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Flink serializer of {@link SeriesState}. The state is a few kilobytes of primitive arrays; the
 * model writes them in its own versioned format ({@link SeriesModel#writeTo}), which is compact and
 * independent of reflection-based POJO rules. The model's parameters are not stored: they come
 * from the job (a restart with other parameters of the same step restores the learnt state).
 */
final class SeriesStateSerializer extends OwnFormatSerializer<SeriesState> {

    private final ModelParameters params;

    SeriesStateSerializer(ModelParameters params) {
        this.params = params;
    }

    @Override
    public SeriesState createInstance() {
        return null;
    }

    /**
     * The heap state backend copies a series' state when it changes while a checkpoint is written
     * (the checkpoint keeps the old one): the model shares its large arrays in chunks with its
     * copy ({@link SeriesModel#copy}), the last point is immutable.
     */
    @Override
    public SeriesState copy(SeriesState from) {
        return new SeriesState(from.model().copy(), from.faults().copy(), from.last());
    }

    @Override
    public void serialize(SeriesState s, DataOutputView out) throws IOException {
        out.writeUTF(s.model().zone().getId());
        s.model().writeTo(out);
        s.faults().writeTo(out);
        SeriesPoint p = s.last();
        out.writeUTF(p.cityId());
        out.writeUTF(p.seriesId());
        out.writeUTF(p.sensorId());
        out.writeUTF(p.districtId());
        out.writeUTF(p.domain());
        out.writeUTF(p.metric());
        out.writeLong(p.bucket().toEpochMilli());
        out.writeDouble(p.value());
    }

    @Override
    public SeriesState deserialize(DataInputView in) throws IOException {
        ZoneId zone = ZoneId.of(in.readUTF());
        SeriesModel model = SeriesModel.readFrom(in, params, zone);
        FaultChecks faults = FaultChecks.readFrom(in, model.restoredFormat());
        SeriesPoint last = new SeriesPoint(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(),
            Instant.ofEpochMilli(in.readLong()), in.readDouble());
        return new SeriesState(model, faults, last);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesStateSerializer s && s.params.equals(params);
    }

    @Override
    public int hashCode() {
        return params.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<SeriesState> snapshotConfiguration() {
        return new Snapshot(params);
    }

    /** Restores with the parameters of the restoring job; the stored format carries its own version. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SeriesState> {
        public Snapshot() {
            this(ModelParameters.perMinute());
        }

        Snapshot(ModelParameters params) {
            super(() -> new SeriesStateSerializer(params));
        }
    }
}
