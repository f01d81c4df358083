package org.aicity.job.ingest;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeinfo.BasicArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ValidReadingSerializer}: Flink's serializer test battery over typical and edge-case
 * readings, then the format's details, and that Flink picks it for every {@code ValidReading}.
 */
class ValidReadingSerializerTest extends SerializerTestBase<ValidReading> {

    private static final Instant T = Instant.parse("2026-11-22T08:16:00Z");

    @Override
    protected TypeSerializer<ValidReading> createSerializer() {
        return new ValidReadingTypeInfo().createSerializer(new SerializerConfigImpl());
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<ValidReading> getTypeClass() {
        return ValidReading.class;
    }

    @Override
    protected ValidReading[] getTestData() {
        return samples().toArray(new ValidReading[0]);
    }

    static ValidReading typical() {
        return new ValidReading("songdo", "songdo-trf-0042", T, 18_000,
            new String[] {"vehicleCount", "averageVehicleSpeed", "occupancy"}, new double[] {12, 38.5, 0.21});
    }

    private static ValidReading one(String metric, double value, long seq) {
        return new ValidReading("c", "s", T, seq, new String[] {metric}, new double[] {value});
    }

    /** Typical readings, then every edge the format has. */
    static List<ValidReading> samples() {
        List<ValidReading> all = new ArrayList<>();
        all.add(typical());
        all.add(one("pm25", 12.25, 1));
        // no metrics (decoding never emits one, but the format allows it), empty strings
        all.add(new ValidReading("", "", T, 0, new String[0], new double[0]));
        // many metrics
        String[] names = new String[40];
        double[] values = new double[40];
        for (int i = 0; i < names.length; i++) {
            names[i] = "metric" + i;
            values[i] = i * 1.5 - 7;
        }
        all.add(new ValidReading("songdo", "songdo-env-0001", T.plusMillis(1), 2, names, values));
        // non-ASCII: Latin-1, Korean, a surrogate pair, a lone surrogate, NUL
        all.add(new ValidReading("zürich", "capteur-été", T, 3, new String[] {"débit", "교통량", "car\uD83D\uDE97", "\uD800", "a\u0000b"},
            new double[] {1, 2, 3, 4, 5}));
        // special doubles
        all.add(new ValidReading("c", "s", T, 10, new String[] {"nan", "inf", "-inf", "-0", "min", "max"},
            new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE, -Double.MAX_VALUE}));
        // seq and instant extremes
        all.add(new ValidReading("c", "s", Instant.MIN, Long.MIN_VALUE, new String[] {"m"}, new double[] {1}));
        all.add(new ValidReading("c", "s", Instant.MAX, Long.MAX_VALUE, new String[] {"m"}, new double[] {1}));
        all.add(new ValidReading("c", "s", Instant.ofEpochSecond(-1, 999_999_999), -1, new String[] {"m"}, new double[] {1}));
        all.add(new ValidReading("c", "s", Instant.EPOCH, 0, new String[] {"m"}, new double[] {1}));
        // larger than the scratch array a serializer keeps
        all.add(new ValidReading("x".repeat(ValidReadingSerializer.MAX_KEPT_SCRATCH + 1), "s", T, 4, new String[] {"m"}, new double[] {1}));
        all.add(typical());
        return all;
    }

    // ---- beyond the battery

    private final ValidReadingSerializer serializer = new ValidReadingSerializer();

    private byte[] bytes(ValidReading r) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(16);
        serializer.serialize(r, out);
        return out.getCopyOfBuffer();
    }

    private ValidReading roundTrip(ValidReading r) throws IOException {
        return serializer.deserialize(new DataInputDeserializer(bytes(r)));
    }

    @Test
    void roundTripsEverySampleBitForBit() throws IOException {
        for (ValidReading r : samples()) {
            ValidReading back = roundTrip(r);
            assertThat(back).isEqualTo(r);
            assertThat(back.sensorKey()).isEqualTo(r.sensorKey());
            for (int i = 0; i < r.values().length; i++) {
                assertThat(Double.doubleToRawLongBits(back.values()[i])).isEqualTo(Double.doubleToRawLongBits(r.values()[i]));
            }
        }
        // a NaN with another payload keeps it
        double odd = Double.longBitsToDouble(0x7ff0_0000_0000_0abcL);
        assertThat(Double.doubleToRawLongBits(roundTrip(one("m", odd, 1)).values()[0])).isEqualTo(0x7ff0_0000_0000_0abcL);
    }

    @Test
    void aNullTimestampRoundTrips() throws IOException {
        ValidReading back = roundTrip(new ValidReading("c", "s", null, 5, new String[] {"m"}, new double[] {2}));
        assertThat(back.ts()).isNull();
        assertThat(back.seq()).isEqualTo(5);
        assertThat(back.metrics()).containsExactly("m");
        assertThat(back.values()).containsExactly(2);
    }

    @Test
    void writesTheDocumentedLayout() throws IOException {
        // length varint + fixed part + 8 bytes a value + (header + one byte a char) per string
        int expected = 1 + ValidReadingSerializer.FIXED_BYTES + 3 * 8 + (1 + 6) + (1 + 15) + (1 + 12) + (1 + 19) + (1 + 9);
        byte[] b = bytes(typical());
        assertThat(b).hasSize(expected);
        assertThat(b[0]).isEqualTo((byte) (expected - 1));
        // n, big-endian, after ts second, ts nano and seq
        assertThat(Arrays.copyOfRange(b, 1 + 20, 1 + 24)).containsExactly(0, 0, 0, 3);
    }

    @Test
    void copiesTheSerializedFormByteForByte() throws IOException {
        DataOutputSerializer original = new DataOutputSerializer(64);
        for (ValidReading r : samples()) {
            serializer.serialize(r, original);
        }
        DataInputDeserializer in = new DataInputDeserializer(original.getCopyOfBuffer());
        DataOutputSerializer copied = new DataOutputSerializer(64);
        for (int i = 0; i < samples().size(); i++) {
            serializer.copy(in, copied);
        }
        assertThat(in.available()).isZero();
        assertThat(copied.getCopyOfBuffer()).isEqualTo(original.getCopyOfBuffer());
    }

    @Test
    void copyHandsOnTheSameReading() {
        ValidReading r = typical();
        assertThat(serializer.isImmutableType()).isTrue();
        assertThat(serializer.copy(r)).isSameAs(r);
        assertThat(serializer.copy(r, serializer.createInstance())).isSameAs(r);
    }

    @Test
    void rejectsTruncatedAndCorruptInput() throws IOException {
        byte[] ok = bytes(typical());
        assertThatThrownBy(() -> serializer.deserialize(new DataInputDeserializer(Arrays.copyOf(ok, ok.length - 1))))
            .isInstanceOf(EOFException.class);

        byte[] manyMetrics = ok.clone();
        manyMetrics[1 + 20] = 0x7f; // n = 2 billion metrics in a body of 100 bytes
        assertThatThrownBy(() -> serializer.deserialize(new DataInputDeserializer(manyMetrics)))
            .isInstanceOf(IOException.class).hasMessageContaining("metrics in a body");

        byte[] negative = ok.clone();
        negative[1 + 20] = (byte) 0xff;
        assertThatThrownBy(() -> serializer.deserialize(new DataInputDeserializer(negative)))
            .isInstanceOf(IOException.class).hasMessageContaining("metrics in a body");

        byte[] fewerMetrics = ok.clone();
        fewerMetrics[1 + 23] = 2; // the third name is then left over
        assertThatThrownBy(() -> serializer.deserialize(new DataInputDeserializer(fewerMetrics)))
            .isInstanceOf(IOException.class).hasMessageContaining("left");

        byte[] badNano = ok.clone();
        badNano[1 + 8] = (byte) 0x7f;
        assertThatThrownBy(() -> serializer.deserialize(new DataInputDeserializer(badNano)))
            .isInstanceOf(IOException.class).hasMessageContaining("nano of second");

        assertThatThrownBy(() -> serializer.deserialize(new DataInputDeserializer(new byte[] {3, 0, 0, 0})))
            .isInstanceOf(IOException.class).hasMessageContaining("body length 3");
    }

    private static Field field(String name) throws NoSuchFieldException {
        return ValidReading.class.getDeclaredField(name);
    }

    @Test
    void flinkUsesItForEveryValidReadingAndMigratesFromTheRecordSerializer() throws NoSuchFieldException {
        TypeInformation<ValidReading> info = TypeExtractor.getForClass(ValidReading.class);
        assertThat(info).isInstanceOf(ValidReadingTypeInfo.class);
        assertThat(info.createSerializer(new SerializerConfigImpl())).isInstanceOf(ValidReadingSerializer.class);

        // what the job's shuffles used before: Flink's record serializer, with the fields Flink
        // extracted for ValidReading before it was annotated (the extraction printed them)
        List<PojoField> fields = new ArrayList<>();
        fields.add(new PojoField(field("cityId"), Types.STRING));
        fields.add(new PojoField(field("metrics"), BasicArrayTypeInfo.STRING_ARRAY_TYPE_INFO));
        fields.add(new PojoField(field("sensorId"), Types.STRING));
        fields.add(new PojoField(field("seq"), Types.LONG));
        fields.add(new PojoField(field("ts"), Types.INSTANT));
        fields.add(new PojoField(field("values"), PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
        TypeSerializer<ValidReading> old = new PojoTypeInfo<>(ValidReading.class, fields).createSerializer(new SerializerConfigImpl());
        assertThat(old).isInstanceOf(PojoSerializer.class);
        TypeSerializerSchemaCompatibility<ValidReading> c = serializer.snapshotConfiguration()
            .resolveSchemaCompatibility(old.snapshotConfiguration());
        assertThat(c.isCompatibleAfterMigration()).isTrue();
    }
}
