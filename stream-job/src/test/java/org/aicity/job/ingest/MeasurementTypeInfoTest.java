package org.aicity.job.ingest;

import org.aicity.job.replay.ReplayRow;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.Collector;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link Measurement} reaches Flink: the {@code @TypeInfo} factory gives every extraction of
 * its type (directly, as a flatMap's output, as a field of another record) the dedicated
 * serializer, whose snapshot restores it and migrates state the generic record serializer wrote.
 */
class MeasurementTypeInfoTest {

    /** A twin of Measurement without the annotation: what Flink makes of such a record by itself. */
    public record Twin(String cityId, String sensorId, String metric, Instant ts, long seq, double value) {
    }

    /** Flink's generic record serializer of Measurement, as the type extractor built it before the factory. */
    static PojoTypeInfo<Measurement> genericTypeInfo() throws NoSuchFieldException {
        List<PojoField> fields = new ArrayList<>();
        fields.add(new PojoField(field("cityId"), Types.STRING));
        fields.add(new PojoField(field("sensorId"), Types.STRING));
        fields.add(new PojoField(field("metric"), Types.STRING));
        fields.add(new PojoField(field("ts"), Types.INSTANT));
        fields.add(new PojoField(field("seq"), Types.LONG));
        fields.add(new PojoField(field("value"), Types.DOUBLE));
        return new PojoTypeInfo<>(Measurement.class, fields);
    }

    private static Field field(String name) throws NoSuchFieldException {
        return Measurement.class.getDeclaredField(name);
    }

    @Test
    void flinkExtractsTheDedicatedTypeAndSerializer() {
        TypeInformation<Measurement> type = TypeInformation.of(Measurement.class);

        assertThat(type).isInstanceOf(MeasurementTypeInfo.class);
        assertThat(type.createSerializer(new SerializerConfigImpl())).isInstanceOf(MeasurementSerializer.class);
    }

    /** A flatMap whose output type is only in its generic signature, as the extractor sees a user function's. */
    static final class PerMetric implements FlatMapFunction<ValidReading, Measurement> {
        @Override
        public void flatMap(ValidReading r, Collector<Measurement> out) {
            for (int i = 0; i < r.metrics().length; i++) {
                out.collect(new Measurement(r.cityId(), r.sensorId(), r.metrics()[i], r.ts(), r.seq(), r.values()[i]));
            }
        }
    }

    @Test
    void aFlatMapProducingMeasurementsGetsItWithoutATypeHint() {
        TypeInformation<Measurement> out = TypeExtractor.getFlatMapReturnTypes(new PerMetric(),
            TypeInformation.of(ValidReading.class));

        assertThat(out).isEqualTo(new MeasurementTypeInfo());
    }

    @Test
    void aRecordHoldingAMeasurementUsesItForThatField() {
        PojoTypeInfo<ReplayRow> row = (PojoTypeInfo<ReplayRow>) TypeInformation.of(ReplayRow.class);

        assertThat(row.<Measurement>getTypeAt("measurement")).isEqualTo(new MeasurementTypeInfo());
    }

    @Test
    void theGenericBaselineIsWhatFlinkBuildsForSuchARecord() throws NoSuchFieldException {
        // the benchmark's and the migration test's stand-in for the old serializer is faithful:
        // the same field names and types as Flink's extraction of an unannotated twin
        PojoTypeInfo<Twin> twin = (PojoTypeInfo<Twin>) TypeInformation.of(Twin.class);
        PojoTypeInfo<Measurement> generic = genericTypeInfo();

        assertThat(generic.getFieldNames()).containsExactly(twin.getFieldNames());
        for (String name : twin.getFieldNames()) {
            assertThat(generic.<Object>getTypeAt(name)).isEqualTo(twin.getTypeAt(name));
        }
        assertThat(generic.createSerializer(new SerializerConfigImpl())).isInstanceOf(PojoSerializer.class);
    }

    @Test
    void theTypeInfoIsSerializableAndEqual() throws Exception {
        MeasurementTypeInfo type = new MeasurementTypeInfo();
        MeasurementTypeInfo copy = InstantiationUtil.clone(type);

        assertThat(copy).isEqualTo(type).hasSameHashCodeAs(type);
        assertThat(type).isNotEqualTo(genericTypeInfo());
        assertThat(type.getTypeClass()).isEqualTo(Measurement.class);
        assertThat(type.isKeyType()).isFalse();
    }

    @Test
    void theSnapshotRestoresTheSerializerAndIsCompatibleWithItself() throws IOException {
        TypeSerializerSnapshot<Measurement> restored = writeAndRead(new MeasurementSerializer().snapshotConfiguration());

        assertThat(restored).isInstanceOf(MeasurementSerializer.MeasurementSerializerSnapshot.class);
        TypeSerializer<Measurement> serializer = restored.restoreSerializer();
        assertThat(serializer).isInstanceOf(MeasurementSerializer.class);
        Measurement m = MeasurementSerializerTest.typical();
        assertThat(serializer.deserialize(new DataInputDeserializer(serialize(new MeasurementSerializer(), m)))).isEqualTo(m);

        TypeSerializerSchemaCompatibility<Measurement> compatibility =
            new MeasurementSerializer().snapshotConfiguration().resolveSchemaCompatibility(restored);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
    }

    @Test
    void stateOfTheGenericRecordSerializerMigrates() throws Exception {
        TypeSerializer<Measurement> generic = genericTypeInfo().createSerializer(new SerializerConfigImpl());
        TypeSerializerSnapshot<Measurement> old = writeAndRead(generic.snapshotConfiguration());

        TypeSerializerSchemaCompatibility<Measurement> compatibility =
            new MeasurementSerializer().snapshotConfiguration().resolveSchemaCompatibility(old);
        assertThat(compatibility.isCompatibleAfterMigration()).isTrue();

        // what a migration does: read with the serializer restored from the old snapshot, write with the new one
        TypeSerializer<Measurement> oldRestored = old.restoreSerializer();
        MeasurementSerializer now = new MeasurementSerializer();
        for (Measurement m : MeasurementSerializerTest.samples()) {
            Measurement read = oldRestored.deserialize(new DataInputDeserializer(serialize(generic, m)));
            Measurement migrated = now.deserialize(new DataInputDeserializer(serialize(now, read)));
            assertThat(migrated).isEqualTo(m);
        }
    }

    @Test
    void aRecordHoldingAMeasurementMigratesToo() throws Exception {
        // the replay job keeps rows waiting in state: their old snapshot nests the generic serializer
        List<PojoField> fields = List.of(
            new PojoField(ReplayRow.class.getDeclaredField("row"), Types.LONG),
            new PojoField(ReplayRow.class.getDeclaredField("measurement"), genericTypeInfo()));
        TypeSerializer<ReplayRow> oldRow = new PojoTypeInfo<>(ReplayRow.class, fields).createSerializer(new SerializerConfigImpl());
        TypeSerializerSnapshot<ReplayRow> old = writeAndRead(oldRow.snapshotConfiguration());
        TypeSerializer<ReplayRow> newRow = TypeInformation.of(ReplayRow.class).createSerializer(new SerializerConfigImpl());

        TypeSerializerSchemaCompatibility<ReplayRow> compatibility =
            newRow.snapshotConfiguration().resolveSchemaCompatibility(old);
        assertThat(compatibility.isCompatibleAfterMigration()).isTrue();

        ReplayRow row = new ReplayRow(42, MeasurementSerializerTest.typical());
        ReplayRow read = old.restoreSerializer().deserialize(new DataInputDeserializer(serialize(oldRow, row)));
        assertThat(newRow.deserialize(new DataInputDeserializer(serialize(newRow, read)))).isEqualTo(row);
    }

    private static <T> byte[] serialize(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        return out.getCopyOfBuffer();
    }

    private static <T> TypeSerializerSnapshot<T> writeAndRead(TypeSerializerSnapshot<T> snapshot) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        return TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()),
            MeasurementTypeInfoTest.class.getClassLoader());
    }
}
