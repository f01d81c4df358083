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
 * Flink serializer of {@link ValidReading}, the record that goes from decoding to the readings
 * sink (over the network: the sink is its own task) and to the chained 1-minute windows. It
 * replaces Flink's generic record serializer, which writes strings a char at a time and, with
 * object reuse off, deep-copied both arrays of every reading handed to the chained windows.
 *
 * <p>Format (version 1): {@code varint(bodyLength)} then the body:
 * <pre>
 *   ts epoch second  8 bytes  (0 if ts is null)
 *   ts nano          4 bytes  (0..999,999,999; -1 if ts is null)
 *   seq              8 bytes
 *   n                4 bytes  the number of metrics
 *   values           8 bytes each, n of them (raw IEEE 754 bits)
 *   cityId, sensorId, then the n metric names, as {@link CompactStrings}
 * </pre>
 * Integers are big-endian. A record is assembled in a scratch array and written with one call.
 *
 * <p>{@link #copy(ValidReading)} returns the reading itself: a {@code ValidReading} is never changed
 * after decoding made it (nothing writes into its arrays), so Flink's defensive copy between
 * chained operators is not needed. Not thread-safe (the scratch array); {@link #duplicate()}
 * returns a new instance.
 */
public final class ValidReadingSerializer extends TypeSerializer<ValidReading> {

    private static final long serialVersionUID = 1L;

    /** ts second, ts nano, seq, n. */
    static final int FIXED_BYTES = 8 + 4 + 8 + 4;
    /** Largest body this serializer writes or accepts. */
    static final int MAX_BODY = Integer.MAX_VALUE - 64;

    private static final int INITIAL_SCRATCH = 256;
    /** A larger scratch array is used once and dropped, so that one odd record does not pin memory. */
    static final int MAX_KEPT_SCRATCH = 64 * 1024;

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private static final ValidReading PLACEHOLDER = new ValidReading("", "", Instant.EPOCH, 0, new String[0], new double[0]);

    private transient byte[] scratch;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public ValidReadingSerializer duplicate() {
        return new ValidReadingSerializer();
    }

    @Override
    public ValidReading createInstance() {
        return PLACEHOLDER;
    }

    @Override
    public ValidReading copy(ValidReading from) {
        return from;
    }

    @Override
    public ValidReading copy(ValidReading from, ValidReading reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(ValidReading r, DataOutputView target) throws IOException {
        String[] metrics = r.metrics();
        double[] values = r.values();
        int n = metrics.length;
        long worst = FIXED_BYTES + 8L * n + CompactStrings.maxBytes(r.cityId()) + CompactStrings.maxBytes(r.sensorId());
        for (String m : metrics) {
            worst += CompactStrings.maxBytes(m);
        }
        if (worst > MAX_BODY) {
            throw new IOException("ValidReading too large to serialize: up to " + worst + " bytes");
        }
        byte[] b = scratch(CompactStrings.MAX_INT_VARINT + (int) worst);

        int start = CompactStrings.MAX_INT_VARINT; // room for the length varint in front of the body
        Instant ts = r.ts();
        if (ts == null) {
            LONG.set(b, start, 0L);
            INT.set(b, start + 8, -1);
        } else {
            LONG.set(b, start, ts.getEpochSecond());
            INT.set(b, start + 8, ts.getNano());
        }
        LONG.set(b, start + 12, r.seq());
        INT.set(b, start + 20, n);
        int p = start + FIXED_BYTES;
        for (double v : values) {
            LONG.set(b, p, Double.doubleToRawLongBits(v));
            p += 8;
        }
        p = CompactStrings.putString(b, p, r.cityId());
        p = CompactStrings.putString(b, p, r.sensorId());
        for (String m : metrics) {
            p = CompactStrings.putString(b, p, m);
        }

        int bodyLength = p - start;
        int from = start - CompactStrings.varintSize(bodyLength);
        CompactStrings.putVarint(b, from, bodyLength);
        target.write(b, from, p - from);
    }

    @Override
    public ValidReading deserialize(DataInputView source) throws IOException {
        int bodyLength = readLength(source);
        byte[] b = scratch(bodyLength);
        source.readFully(b, 0, bodyLength);
        return parse(b, bodyLength);
    }

    @Override
    public ValidReading deserialize(ValidReading reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int bodyLength = readLength(source);
        int from = CompactStrings.varintSize(bodyLength);
        byte[] b = scratch(from + bodyLength);
        CompactStrings.putVarint(b, 0, bodyLength);
        source.readFully(b, from, bodyLength);
        target.write(b, 0, from + bodyLength);
    }

    @Override
    public boolean equals(Object obj) {
        return obj != null && obj.getClass() == ValidReadingSerializer.class;
    }

    @Override
    public int hashCode() {
        return ValidReadingSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<ValidReading> snapshotConfiguration() {
        return new ValidReadingSerializerSnapshot();
    }

    @Override
    public String toString() {
        return "ValidReadingSerializer";
    }

    private static int readLength(DataInputView source) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 7 * CompactStrings.MAX_INT_VARINT; shift += 7) {
            byte x = source.readByte();
            v |= (long) (x & 0x7F) << shift;
            if (x >= 0) {
                if (v < FIXED_BYTES + 2 || v > MAX_BODY) {
                    throw new IOException("Corrupt ValidReading: body length " + v);
                }
                return (int) v;
            }
        }
        throw new IOException("Corrupt ValidReading: body length varint longer than " + CompactStrings.MAX_INT_VARINT + " bytes");
    }

    private static ValidReading parse(byte[] b, int end) throws IOException {
        long second = (long) LONG.get(b, 0);
        int nano = (int) INT.get(b, 8);
        long seq = (long) LONG.get(b, 12);
        int n = (int) INT.get(b, 20);
        // each metric takes 8 bytes of value and at least 1 of name
        if (n < 0 || n > (end - FIXED_BYTES - 2) / 9) {
            throw new IOException("Corrupt ValidReading: " + n + " metrics in a body of " + end + " bytes");
        }
        Instant ts;
        if (nano == -1 && second == 0) {
            ts = null;
        } else {
            if (nano < 0 || nano > 999_999_999) {
                throw new IOException("Corrupt ValidReading: nano of second " + nano);
            }
            try {
                ts = Instant.ofEpochSecond(second, nano);
            } catch (DateTimeException e) {
                throw new IOException("Corrupt ValidReading: epoch second " + second, e);
            }
        }
        double[] values = new double[n];
        int p = FIXED_BYTES;
        for (int i = 0; i < n; i++, p += 8) {
            values[i] = Double.longBitsToDouble((long) LONG.get(b, p));
        }
        CompactStrings.Reader r = new CompactStrings.Reader(b, p, end, "ValidReading");
        String city = r.next();
        String sensor = r.next();
        String[] metrics = new String[n];
        for (int i = 0; i < n; i++) {
            metrics[i] = r.next();
        }
        if (r.position() != end) {
            throw new IOException("Corrupt ValidReading: " + (end - r.position()) + " bytes left over");
        }
        return new ValidReading(city, sensor, ts, seq, metrics, values);
    }

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
     * No parameters, only the format's version. Data written by Flink's generic record serializer
     * of {@link ValidReading} (before this one existed) is compatible after migration; the job
     * keeps no {@code ValidReading} in state, so that only matters for in-flight data.
     */
    public static final class ValidReadingSerializerSnapshot extends SimpleTypeSerializerSnapshot<ValidReading> {

        public ValidReadingSerializerSnapshot() {
            super(ValidReadingSerializer::new);
        }

        @Override
        public TypeSerializerSchemaCompatibility<ValidReading> resolveSchemaCompatibility(
                TypeSerializerSnapshot<ValidReading> oldSerializerSnapshot) {
            if (oldSerializerSnapshot instanceof PojoSerializerSnapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return super.resolveSchemaCompatibility(oldSerializerSnapshot);
        }
    }
}
