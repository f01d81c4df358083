package org.aicity.job.keys;

import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StringKeySerializer}: Flink's own serializer test battery, then what it is for: the very
 * bytes of Flink's {@link StringSerializer}, written with one call per String, and a snapshot that
 * accepts Flink's, so that checkpoints taken with {@code Types.STRING} keys restore.
 */
class StringKeySerializerTest extends SerializerTestBase<String> {

    private static final StringSerializer FLINK = StringSerializer.INSTANCE;
    private static final StringKeySerializer OURS = StringKeySerializer.INSTANCE;
    private static final String ONE_CALL = "write(byte[],int,int)";

    @Override
    protected TypeSerializer<String> createSerializer() {
        return OURS;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<String> getTypeClass() {
        return String.class;
    }

    @Override
    protected String[] getTestData() {
        return samples().toArray(new String[0]);
    }

    @Override
    protected boolean allowNullInstances(TypeSerializer<String> serializer) {
        return true;
    }

    /** Typical keys and every edge of the format: char sizes, header sizes, surrogates. */
    static List<String> samples() {
        List<String> all = new ArrayList<>();
        all.add("");
        all.add("songdo/songdo-trf-0001");
        all.add("songdo/songdo-trf-0001/speed");
        // the last 1-byte char, the first 2-byte one, the last 2-byte one, the first 3-byte one, the last char, NUL
        all.add("\u007F");
        all.add("\u0080");
        all.add("\u3FFF");
        all.add("\u4000");
        all.add("\uFFFF");
        all.add("a\u0000b");
        all.add("\u007F\u0080\u3FFF\u4000\uFFFF");
        all.add("송도/송도-교통-0001/평균속도");
        all.add("zürich/capteur-été");
        // a surrogate pair (an emoji), lone surrogates
        all.add("songdo/\uD83D\uDE97-0001");
        all.add("\uD800");
        all.add("x\uDC00y\uDBFF");
        // length + 1 at the 1/2-byte and 2/3-byte header boundaries
        all.add("k".repeat(126));
        all.add("k".repeat(127));
        all.add("k".repeat(16_382));
        all.add("k".repeat(16_383));
        all.add(longString());
        return all;
    }

    /** 70,000 chars (a 3-byte header) of every char size. */
    static String longString() {
        StringBuilder b = new StringBuilder(70_000);
        for (int i = 0; b.length() < 70_000; i++) {
            b.append((char) (i * 37 % 0x10000));
        }
        return b.toString();
    }

    /** Seeded random strings: ASCII, Korean with ASCII, boundary chars, or any chars at all. */
    static List<String> randomStrings(int count) {
        SplittableRandom random = new SplittableRandom(20_260_614);
        char[] boundaries = {0, 0x7F, 0x80, 0x3FFF, 0x4000, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xFFFF};
        List<String> all = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            int profile = random.nextInt(4);
            int length = random.nextInt(10) == 0 ? random.nextInt(20_000) : random.nextInt(64);
            StringBuilder b = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                b.append(switch (profile) {
                    case 0 -> (char) random.nextInt(0x20, 0x7F);
                    case 1 -> random.nextBoolean() ? (char) random.nextInt(0xAC00, 0xD7A4) : (char) random.nextInt(0x20, 0x7F);
                    case 2 -> boundaries[random.nextInt(boundaries.length)];
                    default -> (char) random.nextInt(0x10000);
                });
            }
            all.add(b.toString());
        }
        return all;
    }

    private static byte[] bytes(TypeSerializer<String> serializer, String s) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(s, out);
        return out.getCopyOfBuffer();
    }

    private static String read(TypeSerializer<String> serializer, byte[] bytes) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        String s = serializer.deserialize(in);
        assertThat(in.available()).as("bytes left").isZero();
        return s;
    }

    private static void assertSameBytesAndRoundTrips(String s) throws IOException {
        byte[] flink = bytes(FLINK, s);
        assertThat(bytes(OURS, s)).as("bytes of a String of length %s", s == null ? null : s.length()).isEqualTo(flink);
        assertThat(read(FLINK, flink)).isEqualTo(s);
        assertThat(read(OURS, flink)).isEqualTo(s);
        assertThat(read(FLINK, bytes(OURS, s))).isEqualTo(s);
    }

    @Test
    void writesTheBytesOfFlinksStringSerializer() throws IOException {
        assertSameBytesAndRoundTrips(null);
        for (String s : samples()) {
            assertSameBytesAndRoundTrips(s);
        }
        assertThat(bytes(OURS, null)).containsExactly(0);
        assertThat(bytes(OURS, "")).containsExactly(1);
        assertThat(bytes(OURS, "\u4000")).containsExactly(2, 0x80, 0x80, 0x01);
        assertThat(bytes(OURS, "k".repeat(127))).startsWith(0x80, 0x01);
    }

    @Test
    void writesTheBytesOfFlinksStringSerializerForRandomStrings() throws IOException {
        for (String s : randomStrings(2_000)) {
            assertSameBytesAndRoundTrips(s);
        }
    }

    @Test
    void writesTheBytesOfFlinksStringSerializerForA4ByteHeader() throws IOException {
        assertSameBytesAndRoundTrips("k".repeat((1 << 21) - 2));
        assertSameBytesAndRoundTrips("k".repeat((1 << 21) - 1));
    }

    @Test
    void readsAndWritesSequencesWrittenByTheOtherSerializer() throws IOException {
        List<String> all = new ArrayList<>(samples());
        all.add(null);
        all.addAll(randomStrings(200));
        for (TypeSerializer<String> writer : List.of(FLINK, OURS)) {
            DataOutputSerializer out = new DataOutputSerializer(1024);
            for (String s : all) {
                writer.serialize(s, out);
            }
            for (TypeSerializer<String> reader : List.of(FLINK, OURS)) {
                DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
                List<String> back = new ArrayList<>();
                for (int i = 0; i < all.size(); i++) {
                    back.add(reader.deserialize(in));
                }
                assertThat(back).as("%s read by %s", writer, reader).isEqualTo(all);
                assertThat(in.available()).isZero();
            }
        }
    }

    @Test
    void makesOneWriteCallPerString() throws IOException {
        List<String> all = new ArrayList<>(samples());
        all.add(null);
        all.addAll(randomStrings(200));
        for (String s : all) {
            RecordingOutput out = new RecordingOutput();
            OURS.serialize(s, out.view());
            assertThat(out.calls).as("calls for a String of length %s", s == null ? null : s.length())
                .containsExactly(ONE_CALL);
            assertThat(out.bytes()).isEqualTo(bytes(FLINK, s));
        }
    }

    /** Why this serializer exists; should Flink batch its writes one day, it may be dropped. */
    @Test
    void flinksStringSerializerMakesOneCallPerByte() throws IOException {
        RecordingOutput out = new RecordingOutput();

        FLINK.serialize("songdo/songdo-trf-0001", out.view());

        assertThat(out.calls).hasSize(1 + "songdo/songdo-trf-0001".length()).containsOnly("write(int)");
    }

    @Test
    void copiesWithOneWriteCall() throws IOException {
        for (String s : samples()) {
            RecordingOutput out = new RecordingOutput();
            DataInputDeserializer in = new DataInputDeserializer(bytes(FLINK, s));

            OURS.copy(in, out.view());

            assertThat(out.calls).containsExactly(ONE_CALL);
            assertThat(out.bytes()).isEqualTo(bytes(FLINK, s));
            assertThat(in.available()).isZero();
        }
    }

    @Test
    void writesInPartsOnlyWhenTheRecordExceedsTheBufferLimit() throws IOException {
        String s = "songdo/\uD83D\uDE97-\u0080\u4000\uFFFF/" + longString();
        long size = StringKeySerializer.encodedSize(s);
        assertThat(size).isEqualTo(bytes(FLINK, s).length);

        RecordingOutput exact = new RecordingOutput();
        StringKeySerializer.write(s, exact.view(), (int) size);
        assertThat(exact.calls).containsExactly(ONE_CALL);

        for (int limit : new int[] {5, 6, 7, 64, (int) size - 1}) {
            RecordingOutput parts = new RecordingOutput();
            StringKeySerializer.write(s, parts.view(), limit);
            assertThat(parts.bytes()).as("limit %s", limit).isEqualTo(bytes(FLINK, s));
            assertThat(parts.calls).hasSizeGreaterThan(1).containsOnly(ONE_CALL);
        }
    }

    @Test
    void isAStatelessSingleton() throws Exception {
        assertThat(OURS.duplicate()).isSameAs(OURS);
        assertThat(InstantiationUtil.clone(OURS)).isSameAs(OURS);
        assertThat(OURS).isNotEqualTo(FLINK);
        assertThat(OURS.isImmutableType()).isTrue();
        String s = new String("songdo/songdo-trf-0001");
        assertThat(OURS.copy(s)).isSameAs(s);
    }

    // ---- snapshot

    private static TypeSerializerSchemaCompatibility<String> oursAbout(TypeSerializerSnapshot<String> oldSnapshot) {
        return OURS.snapshotConfiguration().resolveSchemaCompatibility(oldSnapshot);
    }

    private static <T> TypeSerializerSnapshot<T> writtenAndRead(TypeSerializerSnapshot<T> snapshot) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        return TypeSerializerSnapshot.readVersionedSnapshot(
            new DataInputDeserializer(out.getCopyOfBuffer()), StringKeySerializerTest.class.getClassLoader());
    }

    @Test
    void isCompatibleAsIsWithFlinksStringSerializer() throws IOException {
        assertThat(oursAbout(FLINK.snapshotConfiguration()).isCompatibleAsIs()).isTrue();
        assertThat(oursAbout(writtenAndRead(FLINK.snapshotConfiguration())).isCompatibleAsIs()).isTrue();
    }

    @Test
    void isCompatibleAsIsWithItselfAfterTheSnapshotIsWrittenAndRead() throws IOException {
        TypeSerializerSnapshot<String> restored = writtenAndRead(OURS.snapshotConfiguration());

        assertThat(restored).isInstanceOf(StringKeySerializer.StringKeySerializerSnapshot.class);
        assertThat(restored.restoreSerializer()).isSameAs(OURS);
        assertThat(oursAbout(restored).isCompatibleAsIs()).isTrue();
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void isIncompatibleWithOtherSerializers() {
        TypeSerializerSnapshot<String> longs = (TypeSerializerSnapshot) LongSerializer.INSTANCE.snapshotConfiguration();

        assertThat(oursAbout(longs).isIncompatible()).isTrue();
    }

    /**
     * Flink's snapshot compares the restored serializers' classes, so it rejects ours: once a job
     * has checkpointed with {@link StringKeyTypeInfo}, it cannot go back to {@code Types.STRING}.
     */
    @Test
    void flinksStringSerializerDoesNotAcceptOurSnapshot() {
        assertThat(FLINK.snapshotConfiguration().resolveSchemaCompatibility(OURS.snapshotConfiguration())
            .isIncompatible()).isTrue();
    }

    /** Records every call made on a {@link DataOutputView} and passes it on to a buffer. */
    static final class RecordingOutput implements InvocationHandler {
        final List<String> calls = new ArrayList<>();
        private final DataOutputSerializer target = new DataOutputSerializer(64);

        DataOutputView view() {
            return (DataOutputView) Proxy.newProxyInstance(
                DataOutputView.class.getClassLoader(), new Class<?>[] {DataOutputView.class}, this);
        }

        byte[] bytes() {
            return target.getCopyOfBuffer();
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            calls.add(method.getName() + Arrays.stream(method.getParameterTypes())
                .map(Class::getSimpleName).collect(Collectors.joining(",", "(", ")")));
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
