package org.aicity.job.ingest;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Flink serializer of {@link Measurement}, the record shuffled from decoding to the 1-minute
 * statistics and the readings sink. It replaces Flink's generic record (POJO) serializer, which
 * reads the fields reflectively and writes strings one char at a time through the output view.
 *
 * <p>Format (version 1): {@code varint(bodyLength)} then the body:
 * <pre>
 *   ts epoch second  8 bytes  (0 if ts is null)
 *   ts nano          4 bytes  (0..999,999,999; -1 if ts is null)
 *   seq              8 bytes
 *   value            8 bytes  (raw IEEE 754 bits: NaN payloads, -0.0 and infinities survive)
 *   cityId, sensorId, metric: each varint(length &lt;&lt; 2 | kind), then the chars
 *       kind 0: null (length 0, no chars)
 *       kind 1: every char is at most U+00FF: one byte per char (ISO-8859-1; ids are ASCII)
 *       kind 2: any other string: two bytes per UTF-16 char, big-endian (lone surrogates too)
 * </pre>
 * Integers are big-endian. The record is assembled in a scratch array and written with one call,
 * and read with one call before being parsed, so a record costs two calls on the Flink view
 * rather than one per char. The length prefix also lets {@link #copy(DataInputView, DataOutputView)}
 * copy a record without parsing it.
 *
 * <p>Like other stateful Flink serializers it is not thread-safe (the scratch array);
 * {@link #duplicate()} returns a new instance. A null {@code Measurement} is not supported (Flink
 * streams carry no null records); null fields are.
 */
public final class MeasurementSerializer extends TypeSerializer<Measurement> {

    private static final long serialVersionUID = 1L;

    /** ts second, ts nano, seq, value. */
    static final int FIXED_BYTES = 8 + 4 + 8 + 8;
    /** Largest body this serializer writes or accepts; beyond it arrays cannot be allocated. */
    static final int MAX_BODY = Integer.MAX_VALUE - 64;

    private static final int INITIAL_SCRATCH = 256;
    /** A larger scratch array is used once and dropped, so that one odd record does not pin memory. */
    static final int MAX_KEPT_SCRATCH = 64 * 1024;

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private static final Measurement PLACEHOLDER = new Measurement("", "", "", Instant.EPOCH, 0, 0);

    private transient byte[] scratch;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    /** A new instance: each has its own scratch array. */
    @Override
    public MeasurementSerializer duplicate() {
        return new MeasurementSerializer();
    }

    @Override
    public Measurement createInstance() {
        return PLACEHOLDER;
    }

    @Override
    public Measurement copy(Measurement from) {
        return from;
    }

    @Override
    public Measurement copy(Measurement from, Measurement reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Measurement m, DataOutputView target) throws IOException {
        String city = m.cityId();
        String sensor = m.sensorId();
        String metric = m.metric();
        // worst case: every string in UTF-16 with a 5-byte header
        long worst = FIXED_BYTES + CompactStrings.maxBytes(city) + CompactStrings.maxBytes(sensor) + CompactStrings.maxBytes(metric);
        if (worst > MAX_BODY) {
            throw new IOException("Measurement too large to serialize: up to " + worst + " bytes");
        }
        byte[] b = scratch(CompactStrings.MAX_INT_VARINT + (int) worst);

        int start = CompactStrings.MAX_INT_VARINT; // room for the length varint in front of the body
        Instant ts = m.ts();
        if (ts == null) {
            LONG.set(b, start, 0L);
            INT.set(b, start + 8, -1);
        } else {
            LONG.set(b, start, ts.getEpochSecond());
            INT.set(b, start + 8, ts.getNano());
        }
        LONG.set(b, start + 12, m.seq());
        LONG.set(b, start + 20, Double.doubleToRawLongBits(m.value()));
        int p = start + FIXED_BYTES;
        p = CompactStrings.putString(b, p, city);
        p = CompactStrings.putString(b, p, sensor);
        p = CompactStrings.putString(b, p, metric);

        int bodyLength = p - start;
        int from = start - CompactStrings.varintSize(bodyLength);
        CompactStrings.putVarint(b, from, bodyLength);
        target.write(b, from, p - from);
    }

    @Override
    public Measurement deserialize(DataInputView source) throws IOException {
        int bodyLength = readLength(source);
        byte[] b = scratch(bodyLength);
        source.readFully(b, 0, bodyLength);
        return parse(b, bodyLength);
    }

    @Override
    public Measurement deserialize(Measurement reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int bodyLength = readLength(source);
        int from = CompactStrings.varintSize(bodyLength);
        byte[] b = scratch(from + bodyLength);
        CompactStrings.putVarint(b, 0, bodyLength);
        source.readFully(b, from, bodyLength);
        // not target.write(source, n): DataOutputSerializer does not grow its buffer for that one
        target.write(b, 0, from + bodyLength);
    }

    @Override
    public boolean equals(Object obj) {
        return obj != null && obj.getClass() == MeasurementSerializer.class;
    }

    @Override
    public int hashCode() {
        return MeasurementSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<Measurement> snapshotConfiguration() {
        return new MeasurementSerializerSnapshot();
    }

    @Override
    public String toString() {
        return "MeasurementSerializer";
    }

    // ---- writing

    // ---- reading

    private static int readLength(DataInputView source) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 7 * CompactStrings.MAX_INT_VARINT; shift += 7) {
            byte x = source.readByte();
            v |= (long) (x & 0x7F) << shift;
            if (x >= 0) {
                if (v < FIXED_BYTES + 3 || v > MAX_BODY) {
                    throw new IOException("Corrupt Measurement: body length " + v);
                }
                return (int) v;
            }
        }
        throw new IOException("Corrupt Measurement: body length varint longer than " + CompactStrings.MAX_INT_VARINT + " bytes");
    }

    private static Measurement parse(byte[] b, int end) throws IOException {
        long second = (long) LONG.get(b, 0);
        int nano = (int) INT.get(b, 8);
        long seq = (long) LONG.get(b, 12);
        double value = Double.longBitsToDouble((long) LONG.get(b, 20));
        Instant ts;
        if (nano == -1 && second == 0) {
            ts = null;
        } else {
            if (nano < 0 || nano > 999_999_999) {
                throw new IOException("Corrupt Measurement: nano of second " + nano);
            }
            try {
                ts = Instant.ofEpochSecond(second, nano);
            } catch (DateTimeException e) {
                throw new IOException("Corrupt Measurement: epoch second " + second, e);
            }
        }
        CompactStrings.Reader r = new CompactStrings.Reader(b, FIXED_BYTES, end, "Measurement");
        String city = r.next();
        String sensor = r.next();
        String metric = r.next();
        if (r.position() != end) {
            throw new IOException("Corrupt Measurement: " + (end - r.position()) + " bytes left over");
        }
        return new Measurement(city, sensor, metric, ts, seq, value);
    }

    // ---- scratch

    private byte[] scratch(int size) {
        byte[] b = scratch;
        if (b != null && b.length >= size) {
            return b;
        }
        if (size > MAX_KEPT_SCRATCH) {
            return new byte[size];
        }
        b = new byte[Math.max(size, Math.min(MAX_KEPT_SCRATCH, Math.max(INITIAL_SCRATCH, b == null ? 0 : 2 * b.length)))];
        scratch = b;
        return b;
    }

    /**
     * The serializer's snapshot: no parameters, only the version of the format. It also accepts
     * state written by Flink's generic record serializer of {@link Measurement} (before this one
     * existed, e.g. a replay row waiting in state) as compatible after migration: Flink reads that
     * state with the old serializer and writes it with this one.
     */
    public static final class MeasurementSerializerSnapshot extends SimpleTypeSerializerSnapshot<Measurement> {

        public MeasurementSerializerSnapshot() {
            super(MeasurementSerializer::new);
        }

        @Override
        public TypeSerializerSchemaCompatibility<Measurement> resolveSchemaCompatibility(
                TypeSerializerSnapshot<Measurement> oldSerializerSnapshot) {
            if (oldSerializerSnapshot instanceof PojoSerializerSnapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return super.resolveSchemaCompatibility(oldSerializerSnapshot);
        }
    }
}
