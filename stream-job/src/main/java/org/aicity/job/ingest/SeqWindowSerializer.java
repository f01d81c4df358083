package org.aicity.job.ingest;

import org.aicity.job.OwnFormatSerializer;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Flink serializer of {@link SeqWindow}: the window writes its live entries in its own versioned
 * format ({@link SeqWindow#writeTo}), 12 bytes an entry in one bulk write, where Flink's POJO
 * serializer wrote every slot of the ring (live or not) a long at a time. Stateless, so the
 * snapshot only names the class; the format carries its own version.
 */
final class SeqWindowSerializer extends OwnFormatSerializer<SeqWindow> {

    @Override
    public SeqWindow createInstance() {
        return new SeqWindow();
    }

    @Override
    public SeqWindow copy(SeqWindow from) {
        return from.copy();
    }

    @Override
    public void serialize(SeqWindow w, DataOutputView out) throws IOException {
        w.writeTo(out);
    }

    @Override
    public SeqWindow deserialize(DataInputView in) throws IOException {
        return SeqWindow.readFrom(in);
    }

    @Override
    public TypeSerializerSnapshot<SeqWindow> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores a {@link SeqWindowSerializer}; instantiated by Flink by its class name. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SeqWindow> {
        public Snapshot() {
            super(SeqWindowSerializer::new);
        }
    }
}
