package org.aicity.job.ingest;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link MeasurementSerializer}: Flink's own serializer test battery (copy, serialize one by one
 * and as a sequence, reusing instances, serialized copy, duplicate, Java serialization, snapshot
 * and restore) over typical and edge-case measurements, then the format's details.
 */
class MeasurementSerializerTest extends SerializerTestBase<Measurement> {

    private static final Instant T = Instant.parse("2026-11-21T08:16:00Z");

    @Override
    protected TypeSerializer<Measurement> createSerializer() {
        return new MeasurementTypeInfo().createSerializer(new SerializerConfigImpl());
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<Measurement> getTypeClass() {
        return Measurement.class;
    }

    @Override
    protected Measurement[] getTestData() {
        return samples().toArray(new Measurement[0]);
    }

    static Measurement typical() {
        return new Measurement("songdo", "songdo-trf-0042", "averageVehicleSpeed", T, 18_000, 38.5);
    }

    /** Typical measurements, then every edge the format has. */
    static List<Measurement> samples() {
        List<Measurement> all = new ArrayList<>();
        all.add(typical());
        all.add(new Measurement("songdo", "songdo-air-0007", "pm25", T.plusMillis(5_123), 1, 12.25));
        // empty and null strings, null ts
        all.add(new Measurement("", "", "", T, 0, 0));
        all.add(new Measurement(null, null, null, null, 0, 0));
        all.add(new Measurement("songdo", null, "", T, 7, 1));
        // Latin-1 beyond ASCII (one byte a char), the U+00FF / U+0100 boundary, Korean, an emoji
        // (a surrogate pair), lone surrogates (not encodable in UTF-8), NUL and U+FFFF
        all.add(new Measurement("zürich", "capteur-été", "débit\u00ff", T, 2, 3));
        all.add(new Measurement("\u0100", "a\u00ffb\u0100c", "x", T, 3, 4));
        all.add(new Measurement("서울", "강남-센서-01", "교통량", T, 4, 5));
        all.add(new Measurement("city\uD83D\uDE97", "\uD800", "lone\uDC00low", T, 5, 6));
        all.add(new Measurement("\u0000", "\uFFFF", "a\u0000b", T, 6, 7));
        // special doubles: NaNs (the canonical one and another payload), infinities, -0.0, extremes
        all.add(new Measurement("c", "s", "m", T, 10, Double.NaN));
        all.add(new Measurement("c", "s", "m", T, 11, Double.longBitsToDouble(0x7ff0_0000_0000_0abcL)));
        all.add(new Measurement("c", "s", "m", T, 12, Double.POSITIVE_INFINITY));
        all.add(new Measurement("c", "s", "m", T, 13, Double.NEGATIVE_INFINITY));
        all.add(new Measurement("c", "s", "m", T, 14, -0.0));
        all.add(new Measurement("c", "s", "m", T, 15, Double.MIN_VALUE));
        all.add(new Measurement("c", "s", "m", T, 16, -Double.MAX_VALUE));
        // seq extremes
        all.add(new Measurement("c", "s", "m", T, Long.MIN_VALUE, 1));
        all.add(new Measurement("c", "s", "m", T, Long.MAX_VALUE, 1));
        all.add(new Measurement("c", "s", "m", T, -1, 1));
        // instants: the extremes, nanos, before the epoch, the epoch, the value null is written as but with a nano
        all.add(new Measurement("c", "s", "m", Instant.MIN, 20, 1));
        all.add(new Measurement("c", "s", "m", Instant.MAX, 21, 1));
        all.add(new Measurement("c", "s", "m", Instant.ofEpochSecond(-1, 999_999_999), 22, 1));
        all.add(new Measurement("c", "s", "m", Instant.ofEpochSecond(-62_135_596_800L, 1), 23, 1)); // 0001-01-01T00:00:00.000000001Z
        all.add(new Measurement("c", "s", "m", Instant.parse("9999-12-31T23:59:59.999999999Z"), 24, 1));
        all.add(new Measurement("c", "s", "m", Instant.EPOCH, 25, 1));
        all.add(new Measurement("c", "s", "m", Instant.ofEpochSecond(0, 1), 26, 1));
        all.add(new Measurement("c", "s", "m", T.plusNanos(123_456_789), 27, 1));
        // header varint boundaries: 31 chars (1 byte), 32 chars (2 bytes), the 64-char id limit, long strings
        all.add(new Measurement("a".repeat(31), "b".repeat(32), "c".repeat(64), T, 30, 1));
        all.add(new Measurement("é".repeat(4096), "s", "한".repeat(5000), T, 31, 1));
        // larger than the scratch array that a serializer keeps
        all.add(new Measurement("x".repeat(MeasurementSerializer.MAX_KEPT_SCRATCH + 1), "s", "m", T, 32, 1));
        all.add(new Measurement("c", "ü".repeat(40_000), "m", T, 33, 1));
        all.add(typical());
        return all;
    }

    // ---- beyond the battery

    private final MeasurementSerializer serializer = new MeasurementSerializer();

    private byte[] bytes(Measurement m) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(16);
        serializer.serialize(m, out);
        return out.getCopyOfBuffer();
    }

    private Measurement roundTrip(Measurement m) throws IOException {
        return serializer.deserialize(new DataInputDeserializer(bytes(m)));
    }

    @Test
    void roundTripsEverySampleExactly() throws IOException {
        for (Measurement m : samples()) {
            Measurement back = roundTrip(m);
            assertThat(back).isEqualTo(m);
            assertThat(Double.doubleToRawLongBits(back.value())).isEqualTo(Double.doubleToRawLongBits(m.value()));
            assertThat(back.seriesKey()).isEqualTo(m.seriesKey());
        }
    }

    @Test
    void writesIdsWithOneByteACharAndOtherStringsWithTwo() throws IOException {
        // length varint + fixed part + (header + one byte a char) per string
        int ascii = 1 + MeasurementSerializer.FIXED_BYTES + (1 + 6) + (1 + 15) + (1 + 19);
        assertThat(bytes(typical())).hasSize(ascii);

        // Latin-1 stays at one byte a char; one char above U+00FF turns that string (only) to two bytes a char
        assertThat(bytes(new Measurement("zürich", "s", "m", T, 1, 1))).hasSize(1 + 28 + (1 + 6) + 2 + 2);
        assertThat(bytes(new Measurement("zürich\u0100", "s", "m", T, 1, 1))).hasSize(1 + 28 + (1 + 14) + 2 + 2);
        assertThat(bytes(new Measurement("서울", "s", "m", T, 1, 1))).hasSize(1 + 28 + (1 + 4) + 2 + 2);
    }

    @Test
    void aLongerIdNeedsATwoByteHeaderAndALongerRecordATwoByteLength() throws IOException {
        assertThat(bytes(new Measurement("a".repeat(31), "", "", T, 1, 1))).hasSize(1 + 28 + (1 + 31) + 1 + 1);
        assertThat(bytes(new Measurement("a".repeat(32), "", "", T, 1, 1))).hasSize(1 + 28 + (2 + 32) + 1 + 1);
        assertThat(bytes(new Measurement("a".repeat(64), "b".repeat(64), "", T, 1, 1))).hasSize(2 + 28 + 2 * (2 + 64) + 1);
    }

    @Test
    void aSerializerStaysCorrectAfterAHugeRecordAndAfterAFallback() throws IOException {
        Measurement huge = new Measurement("서".repeat(100_000), "s", "m", T, 1, 1);
        Measurement small = typical();
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(small, out);
        serializer.serialize(huge, out);
        serializer.serialize(small, out);
        serializer.serialize(new Measurement("ab\u0100", "é", "m", T, 2, 2), out);
        serializer.serialize(small, out);

        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertThat(serializer.deserialize(in)).isEqualTo(small);
        assertThat(serializer.deserialize(in)).isEqualTo(huge);
        assertThat(serializer.deserialize(in)).isEqualTo(small);
        assertThat(serializer.deserialize(in)).isEqualTo(new Measurement("ab\u0100", "é", "m", T, 2, 2));
        assertThat(serializer.deserialize(in)).isEqualTo(small);
        assertThat(in.available()).isZero();
    }

    @Test
    void copiesTheSerializedFormByteForByte() throws IOException {
        DataOutputSerializer original = new DataOutputSerializer(64);
        for (Measurement m : samples()) {
            serializer.serialize(m, original);
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
    void copyReturnsTheSameImmutableRecord() {
        Measurement m = typical();
        assertThat(serializer.isImmutableType()).isTrue();
        assertThat(serializer.copy(m)).isSameAs(m);
        assertThat(serializer.copy(m, serializer.createInstance())).isSameAs(m);
    }

    @Test
    void duplicateIsAnEqualButSeparateInstance() {
        TypeSerializer<Measurement> dup = serializer.duplicate();
        assertThat(dup).isNotSameAs(serializer).isEqualTo(serializer).hasSameHashCodeAs(serializer);
    }

    @Test
    void rejectsTruncatedAndCorruptInput() throws IOException {
        byte[] ok = bytes(typical());

        assertThatThrownBy(() -> serializer.deserialize(new DataInputDeserializer(Arrays.copyOf(ok, ok.length - 1))))
            .isInstanceOf(EOFException.class);

        byte[] shortBody = ok.clone();
        shortBody[0] = (byte) (ok[0] - 1); // the body ends one byte before the last string does
        assertThatThrownBy(() -> serializer.deserialize(new DataInputDeserializer(shortBody)))
            .isInstanceOf(IOException.class).hasMessageContaining("Corrupt Measurement");

        byte[] badKind = ok.clone();
        badKind[1 + MeasurementSerializer.FIXED_BYTES] |= 3; // kind 3 does not exist
        assertThatThrownBy(() -> serializer.deserialize(new DataInputDeserializer(badKind)))
            .isInstanceOf(IOException.class).hasMessageContaining("kind 3");

        byte[] badNano = ok.clone();
        badNano[1 + 8] = 0x7f; // nano of second far above 999,999,999
        assertThatThrownBy(() -> serializer.deserialize(new DataInputDeserializer(badNano)))
            .isInstanceOf(IOException.class).hasMessageContaining("nano");

        byte[] tooShort = {5, 0, 0, 0, 0, 0};
        assertThatThrownBy(() -> serializer.deserialize(new DataInputDeserializer(tooShort)))
            .isInstanceOf(IOException.class).hasMessageContaining("body length 5");
    }

    @Test
    void theKeyIsStillCitySensorMetric() {
        assertThat(typical().seriesKey()).isEqualTo("songdo/songdo-trf-0042/averageVehicleSpeed");
    }
}
