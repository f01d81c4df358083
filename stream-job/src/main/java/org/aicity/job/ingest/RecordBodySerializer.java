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
import java.util.function.Supplier;

/**
 * The common part of the job's serializers of immutable records ({@link MeasurementSerializer},
 * {@link ValidReadingSerializer}): a record is {@code varint(bodyLength)} then a body, assembled in
 * a scratch array and written with one call, and read with one call before it is parsed. The
 * length prefix lets {@link #copy(DataInputView, DataOutputView)} copy a record without parsing it.
 * Records are immutable, so {@link #copy(Object)} returns the record itself. Not thread-safe (the
 * scratch array); {@link #duplicate()} returns a new instance. A subclass writes its body and parses
 * it.
 */
abstract class RecordBodySerializer<T> extends TypeSerializer<T> {

    private static final long serialVersionUID = 1L;

    /** Largest body written or accepted; beyond it arrays cannot be allocated. */
    static final int MAX_BODY = Integer.MAX_VALUE - 64;
    /** A larger scratch array is used once and dropped, so that one odd record does not pin memory. */
    static final int MAX_KEPT_SCRATCH = 64 * 1024;
    private static final int INITIAL_SCRATCH = 256;

    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    /** An instant takes its epoch second (8 bytes) and nano (4 bytes; -1 with second 0 for null). */
    static final int INSTANT_BYTES = 12;

    private final String typeName;
    private final int minBody;
    private transient byte[] scratch;

    /**
     * @param typeName what a corrupt-input message calls the record
     * @param minBody  the smallest valid body
     */
    RecordBodySerializer(String typeName, int minBody) {
        this.typeName = typeName;
        this.minBody = minBody;
    }

    /** Parses a body of {@code end} bytes from the start of {@code b}. */
    abstract T parse(byte[] b, int end) throws IOException;

    @Override
    public final boolean isImmutableType() {
        return true;
    }

    @Override
    public final T copy(T from) {
        return from;
    }

    @Override
    public final T copy(T from, T reuse) {
        return from;
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final T deserialize(DataInputView source) throws IOException {
        int bodyLength = readLength(source);
        byte[] b = scratch(bodyLength);
        source.readFully(b, 0, bodyLength);
        return parse(b, bodyLength);
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
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
        return obj != null && obj.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }

    /** A scratch array for a body of at most {@code worstBody} bytes with room for its length in front. */
    final byte[] scratchForWriting(long worstBody) throws IOException {
        if (worstBody > MAX_BODY) {
            throw new IOException(typeName + " too large to serialize: up to " + worstBody + " bytes");
        }
        return scratch(CompactStrings.MAX_INT_VARINT + (int) worstBody);
    }

    /** Where a body starts in {@link #scratchForWriting}'s array: after room for its length. */
    static final int BODY_START = CompactStrings.MAX_INT_VARINT;

    /** Puts the body's length in front of the body {@code [BODY_START, end)} and writes both in one call. */
    static void writeBody(byte[] b, int end, DataOutputView target) throws IOException {
        int bodyLength = end - BODY_START;
        int from = BODY_START - CompactStrings.varintSize(bodyLength);
        CompactStrings.putVarint(b, from, bodyLength);
        target.write(b, from, end - from);
    }

    static void putInstant(byte[] b, int at, Instant ts) {
        if (ts == null) {
            LONG.set(b, at, 0L);
            INT.set(b, at + 8, -1);
        } else {
            LONG.set(b, at, ts.getEpochSecond());
            INT.set(b, at + 8, ts.getNano());
        }
    }

    final Instant instantAt(byte[] b, int at) throws IOException {
        long second = (long) LONG.get(b, at);
        int nano = (int) INT.get(b, at + 8);
        if (nano == -1 && second == 0) {
            return null;
        }
        if (nano < 0 || nano > 999_999_999) {
            throw corrupt("nano of second " + nano);
        }
        try {
            return Instant.ofEpochSecond(second, nano);
        } catch (DateTimeException e) {
            throw new IOException("Corrupt " + typeName + ": epoch second " + second, e);
        }
    }

    final IOException corrupt(String what) {
        return new IOException("Corrupt " + typeName + ": " + what);
    }

    final String typeName() {
        return typeName;
    }

    private int readLength(DataInputView source) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 7 * CompactStrings.MAX_INT_VARINT; shift += 7) {
            byte x = source.readByte();
            v |= (long) (x & 0x7F) << shift;
            if (x >= 0) {
                if (v < minBody || v > MAX_BODY) {
                    throw corrupt("body length " + v);
                }
                return (int) v;
            }
        }
        throw corrupt("body length varint longer than " + CompactStrings.MAX_INT_VARINT + " bytes");
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
     * A snapshot of such a serializer: no parameters, only the version of the format. It also
     * accepts data written by Flink's generic record serializer of the same record (before the
     * job had its own) as compatible after migration: Flink reads it with the old serializer and
     * writes it with the new one. Each serializer names its own subclass (the class name is what
     * a checkpoint records).
     */
    abstract static class Snapshot<T> extends SimpleTypeSerializerSnapshot<T> {

        Snapshot(Supplier<? extends TypeSerializer<T>> serializer) {
            super(serializer);
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSerializerSnapshot) {
            if (oldSerializerSnapshot instanceof PojoSerializerSnapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return super.resolveSchemaCompatibility(oldSerializerSnapshot);
        }
    }
}
