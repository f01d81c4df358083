package org.aicity.job.ingest;

import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link SeqWindowSerializer}: Flink's own serializer test battery (copy, serialize one by one and
 * as a sequence, reusing instances, serialized copy, duplicate, Java serialization, snapshot and
 * restore) over empty, small, wrapped, full and wide windows, then the format's size and details.
 */
class SeqWindowSerializerTest extends SerializerTestBase<SeqWindow> {

    private static final long T0 = 1_795_248_900_000L;
    private static final long TEN_MINUTES = 600_000;

    @Override
    protected TypeSerializer<SeqWindow> createSerializer() {
        return new SeqWindowSerializer();
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<SeqWindow> getTypeClass() {
        return SeqWindow.class;
    }

    @Override
    protected SeqWindow[] getTestData() {
        return new SeqWindow[] {new SeqWindow(), small(), wrapped(), full(), wide(), perSecond(600)};
    }

    private static SeqWindow small() {
        SeqWindow w = new SeqWindow();
        w.remember(7, T0, 0x7FFF_FFFF, TEN_MINUTES);
        w.remember(8, T0 - 1_000, -1, TEN_MINUTES);
        w.remember(7, T0 + 1_000, Integer.MIN_VALUE, TEN_MINUTES);
        return w;
    }

    /** A ring whose oldest entry is not at index 0 and whose newest ones wrapped round to the front. */
    private static SeqWindow wrapped() {
        SeqWindow w = new SeqWindow();
        for (int seq = 0; seq < 12; seq++) {
            w.remember(seq, T0 + seq * 60_000L, seq * 31, 300_000);
        }
        return w;
    }

    /** {@link SeqWindow#MAX_ENTRIES}, after going round the ring more than once. */
    private static SeqWindow full() {
        SeqWindow w = new SeqWindow();
        for (int seq = 0; seq < 2 * SeqWindow.MAX_ENTRIES + 100; seq++) {
            w.remember(seq, T0 + seq, seq * 0x9E37_79B9, TEN_MINUTES);
        }
        return w;
    }

    /** Seqs too far apart for int offsets. */
    private static SeqWindow wide() {
        SeqWindow w = new SeqWindow();
        w.remember(1L << 40, T0, 1, TEN_MINUTES);
        w.remember(3, T0 + 1, 2, TEN_MINUTES);
        w.remember(Long.MAX_VALUE, T0 + 2, 3, TEN_MINUTES);
        return w;
    }

    /** A sensor reading once a second, with a horizon that keeps the given number of entries. */
    private static SeqWindow perSecond(int entries) {
        SeqWindow w = new SeqWindow();
        for (int seq = 0; seq < 3 * entries; seq++) {
            w.remember(1_000_000 + seq, T0 + seq * 1_000L, seq * 0x9E37_79B9, entries * 1_000L - 1);
        }
        return w;
    }

    private static byte[] bytes(SeqWindow w) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        new SeqWindowSerializer().serialize(w, out);
        return out.getCopyOfBuffer();
    }

    private static SeqWindow read(byte[] bytes) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        SeqWindow w = new SeqWindowSerializer().deserialize(in);
        assertThat(in.available()).isZero();
        return w;
    }

    @Test
    void checkedWindowsAreWhatTheirNamesSay() {
        assertThat(wrapped().size()).isEqualTo(6);
        assertThat(full().size()).isEqualTo(SeqWindow.MAX_ENTRIES);
        assertThat(wide().isWide()).isTrue();
        assertThat(perSecond(600).size()).isEqualTo(600);
    }

    @Test
    void restoredWindowsAnswerAndGoOnAsTheOriginals() throws IOException {
        for (SeqWindow original : List.of(new SeqWindow(), small(), wrapped(), full(), wide())) {
            SeqWindow restored = read(bytes(original));
            assertThat(restored).isEqualTo(original);
            for (long seq : new long[] {0, 3, 5, 7, 8, 11, 1L << 40, Long.MAX_VALUE, SeqWindow.MAX_ENTRIES + 200, 2 * SeqWindow.MAX_ENTRIES + 99}) {
                assertThat(restored.find(seq)).isEqualTo(original.find(seq));
            }
            // a restored window has no spare capacity; it grows and evicts like the original
            for (int i = 0; i < 1_500; i++) {
                long seq = 5_000 + i;
                long ts = T0 + 400_000 + i * 500L;
                original.remember(seq, ts, i, TEN_MINUTES);
                restored.remember(seq, ts, i, TEN_MINUTES);
                assertThat(restored.find(seq - 700)).isEqualTo(original.find(seq - 700));
            }
            assertThat(restored).isEqualTo(original);
        }
    }

    @Test
    void writesTwelveBytesAnEntryAfterASmallHeader() throws IOException {
        SeqWindow w = perSecond(600);

        byte[] bytes = bytes(w);

        // version, layout, size: 9 bytes; newest ts, max seq and the two bases: 32
        assertThat(bytes).hasSize(41 + 12 * 600);
        assertThat(bytes.length).isLessThanOrEqualTo(12 * 600 + 64);
        assertThat(bytes(new SeqWindow())).hasSize(41);
        assertThat(bytes(wide())).hasSize(41 + 20 * 3);
    }

    @Test
    void writesTheVersionFirst() throws IOException {
        byte[] bytes = bytes(small());

        assertThat(ByteBuffer.wrap(bytes).getInt()).isEqualTo(SeqWindow.FORMAT_VERSION).isEqualTo(1);
    }

    @Test
    void writesAWindowInOneCallToTheStream() throws IOException {
        int[] writes = new int[1];
        long[] written = new long[1];
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                writes[0]++;
                written[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes[0]++;
                written[0] += len;
            }
        };

        new SeqWindowSerializer().serialize(perSecond(600), new DataOutputViewStreamWrapper(counting));

        assertThat(writes[0]).isEqualTo(1);
        assertThat(written[0]).isEqualTo(41 + 12 * 600);
    }

    @Test
    void rejectsAnUnknownVersionOrACorruptSize() throws IOException {
        byte[] bytes = bytes(small());
        ByteBuffer.wrap(bytes).putInt(0, 2);
        assertThatThrownBy(() -> read(bytes)).isInstanceOf(IOException.class).hasMessageContaining("version 2");

        byte[] sized = bytes(small());
        ByteBuffer.wrap(sized).putInt(5, SeqWindow.MAX_ENTRIES + 1);
        assertThatThrownBy(() -> read(sized)).isInstanceOf(IOException.class).hasMessageContaining("size 1025");
    }

    @Test
    void copiesDeeply() {
        SeqWindow original = small();
        SeqWindow copy = new SeqWindowSerializer().copy(original);

        copy.remember(9, T0 + 2_000, 9, TEN_MINUTES);
        copy.remember(7, T0 + 3_000, 10, TEN_MINUTES);

        assertThat(original.find(9)).isNull();
        assertThat(original.find(7)).isEqualTo(new SeqCheck.Seen(T0 + 1_000, Integer.MIN_VALUE));
        assertThat(copy.find(7)).isEqualTo(new SeqCheck.Seen(T0 + 3_000, 10));
    }
}
