package org.aicity.job.keys;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;

/**
 * Flink serializer of String keys that writes exactly the bytes of Flink's
 * {@link StringSerializer} (the format of {@link StringValue#writeString}), but assembles them in
 * an array and hands them to the output in one {@code write(byte[], int, int)} call. Flink's own
 * serializer makes one {@code write(int)} call per byte; in full checkpoints of the heap state
 * backend, where every key of every state is written to the checkpoint stream, those calls were
 * about half of the checkpoint thread's time.
 *
 * <p>The bytes must stay identical: Flink does not migrate keys, so a key serializer must be
 * compatible as is with the one that wrote the checkpoint. {@link StringKeySerializerSnapshot}
 * declares it so for Flink's {@code StringSerializer}, and state checkpointed with
 * {@code Types.STRING} keys restores under {@link StringKeyTypeInfo}.
 *
 * <p>Format: a null String is the single byte 0. Otherwise {@code length + 1}, then each UTF-16
 * char (surrogates as they are, unpaired too), each as an unsigned varint: 7 bits a byte, least
 * significant group first, the high bit set on every byte but the last. A char takes 1 to 3
 * bytes, the length 1 to 5.
 *
 * <p>Stateless and thread-safe, so {@link #duplicate()} returns the same instance: each call
 * encodes into its own array, sized exactly for the String (keys are short, and a short-lived
 * array is cheaper than any sharing scheme). Reading uses {@link StringValue#readString}, which
 * reads the same format.
 */
public final class StringKeySerializer extends TypeSerializer<String> {

    private static final long serialVersionUID = 1L;

    public static final StringKeySerializer INSTANCE = new StringKeySerializer();

    /** Largest array the JVM reliably allocates; a longer record (a String of over ~700M chars) is written in parts. */
    static final int MAX_BUFFER = Integer.MAX_VALUE - 8;

    /** The most bytes a char takes. */
    private static final int MAX_CHAR_BYTES = 3;

    /** The encoding of a null String. Never modified. */
    private static final byte[] NULL_RECORD = {0};

    private StringKeySerializer() {
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    /** This instance: it has no state. */
    @Override
    public StringKeySerializer duplicate() {
        return this;
    }

    @Override
    public String createInstance() {
        return "";
    }

    @Override
    public String copy(String from) {
        return from;
    }

    @Override
    public String copy(String from, String reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(String record, DataOutputView target) throws IOException {
        write(record, target, MAX_BUFFER);
    }

    @Override
    public String deserialize(DataInputView source) throws IOException {
        return StringValue.readString(source);
    }

    @Override
    public String deserialize(String reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof StringKeySerializer;
    }

    @Override
    public int hashCode() {
        return StringKeySerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<String> snapshotConfiguration() {
        return new StringKeySerializerSnapshot();
    }

    @Override
    public String toString() {
        return "StringKeySerializer";
    }

    /** Keeps the instance unique when Flink ships the serializer with Java serialization. */
    private Object readResolve() {
        return INSTANCE;
    }

    // ---- encoding

    /**
     * Writes {@code record} with one {@code write(byte[], int, int)} call when its encoding fits in
     * {@code maxBuffer} bytes, else in parts of at most {@code maxBuffer} bytes. {@code maxBuffer}
     * must be at least 5, the longest length header.
     */
    static void write(String record, DataOutputView target, int maxBuffer) throws IOException {
        if (record == null) {
            target.write(NULL_RECORD, 0, NULL_RECORD.length);
            return;
        }
        int n = record.length();
        byte[] b = new byte[(int) Math.min(encodedSize(record), maxBuffer)];
        int p = putVarint(b, 0, n + 1);
        for (int i = 0; i < n; i++) {
            char c = record.charAt(i);
            if (p + charSize(c) > b.length) { // only when the record does not fit in maxBuffer
                target.write(b, 0, p);
                p = 0;
            }
            p = putVarint(b, p, c);
        }
        target.write(b, 0, p);
    }

    /** The size of the encoding of a non-null String. */
    static long encodedSize(String s) {
        int n = s.length();
        long size = varintSize(n + 1);
        for (int i = 0; i < n; i++) {
            size += charSize(s.charAt(i));
        }
        return size;
    }

    private static int charSize(char c) {
        return c < 1 << 7 ? 1 : c < 1 << 14 ? 2 : MAX_CHAR_BYTES;
    }

    /** The size of the varint of {@code v}, at least 0. */
    private static int varintSize(int v) {
        return v < 1 << 7 ? 1 : v < 1 << 14 ? 2 : v < 1 << 21 ? 3 : v < 1 << 28 ? 4 : 5;
    }

    /** Puts the varint of {@code v} (at least 0) at {@code p}; returns the position after it. */
    private static int putVarint(byte[] b, int p, int v) {
        while (v >= 0x80) {
            b[p++] = (byte) (v | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        return p;
    }

    /**
     * The serializer's snapshot: no parameters. Compatible as is with its own snapshot and with
     * that of Flink's {@link StringSerializer}, which writes the same bytes; incompatible with
     * anything else. Flink 2 asks the new serializer's snapshot about the old one (the inherited
     * check would compare the restored serializers' classes, and so reject {@code StringSerializer}).
     */
    public static final class StringKeySerializerSnapshot extends SimpleTypeSerializerSnapshot<String> {

        public StringKeySerializerSnapshot() {
            super(() -> INSTANCE);
        }

        @Override
        public TypeSerializerSchemaCompatibility<String> resolveSchemaCompatibility(
                TypeSerializerSnapshot<String> oldSerializerSnapshot) {
            if (oldSerializerSnapshot instanceof StringKeySerializerSnapshot
                    || oldSerializerSnapshot instanceof StringSerializer.StringSerializerSnapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            return TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
