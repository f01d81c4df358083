package org.aicity.job.sink;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The byte layout of the array fields of {@link BinaryCopyBuffer}, as PostgreSQL's {@code array_recv}
 * reads them: the field's length, then dimensions (1), the NULL flag, the element type's OID,
 * the dimension's size and lower bound (1), then each element prefixed by its length. That the
 * server accepts and stores them is {@link ReadingsWriteTest}'s part.
 *
 * <p>No empty arrays: a reading reaches the sink only through the codec, which refuses one without
 * metrics ("metrics: must contain at least one metric"), so the sink never writes an empty array.
 */
class BinaryCopyBufferTest {

    /** {@code PGCOPY\n\377\r\n\0}, flags 0, header extension length 0. */
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};

    /** The buffer's bytes after the signature, checked first. */
    private static ByteBuffer body(BinaryCopyBuffer b) {
        byte[] all = Arrays.copyOf(b.bytes(), b.length());
        assertThat(Arrays.copyOf(all, SIGNATURE.length)).as("signature").isEqualTo(SIGNATURE);
        return ByteBuffer.wrap(all, SIGNATURE.length, all.length - SIGNATURE.length).slice();
    }

    /**
     * Reads one array field at the buffer's position: checks its header and that its length prefix
     * covers exactly its header and elements; returns the elements' bytes.
     */
    private static List<byte[]> readArray(ByteBuffer in, int elementOid) {
        int fieldLength = in.getInt();
        int start = in.position();
        assertThat(in.getInt()).as("dimensions").isEqualTo(1);
        assertThat(in.getInt()).as("has NULL elements").isZero();
        assertThat(in.getInt()).as("element type OID").isEqualTo(elementOid);
        int size = in.getInt();
        assertThat(in.getInt()).as("lower bound").isEqualTo(1);
        List<byte[]> elements = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int n = in.getInt();
            assertThat(n).as("length of element %d", i).isNotNegative();
            byte[] e = new byte[n];
            in.get(e);
            elements.add(e);
        }
        assertThat(in.position() - start).as("the field's length prefix: the bytes of the array that follow")
            .isEqualTo(fieldLength);
        return elements;
    }

    /** A text field at the buffer's position. */
    private static String text(ByteBuffer in) {
        byte[] b = new byte[in.getInt()];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bits(double v) {
        return ByteBuffer.allocate(8).putLong(Double.doubleToRawLongBits(v)).array();
    }

    @Test
    void shouldWriteATextArrayAsArrayRecvReadsIt() {
        BinaryCopyBuffer b = new BinaryCopyBuffer();
        b.start();
        b.startRow(1);
        b.textArray(new String[] {"intensity", "", "é", "abc한", "traffic light \uD83D\uDEA6"});
        b.finish();

        ByteBuffer in = body(b);
        assertThat(in.getShort()).as("fields of the row").isEqualTo((short) 1);
        List<byte[]> elements = readArray(in, 25);
        assertThat(elements).containsExactly(utf8("intensity"), new byte[0], new byte[] {(byte) 0xc3, (byte) 0xa9},
            utf8("abc한"), utf8("traffic light \uD83D\uDEA6"));
        assertThat(elements.get(3)).as("ASCII first, then a character that is not").hasSize(3 + 3);
        assertThat(in.getShort()).as("trailer").isEqualTo((short) -1);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void shouldFlagANullNameAndWriteItAsLengthMinusOne() {
        // names come from the catalogue and are never null; if one were, the row must say so honestly
        BinaryCopyBuffer b = new BinaryCopyBuffer();
        b.start();
        b.startRow(1);
        b.textArray(new String[] {"a", null});
        b.finish();

        ByteBuffer in = body(b);
        assertThat(in.getShort()).isEqualTo((short) 1);
        int fieldLength = in.getInt();
        int start = in.position();
        assertThat(in.getInt()).as("dimensions").isEqualTo(1);
        assertThat(in.getInt()).as("has NULL elements").isEqualTo(1);
        assertThat(in.getInt()).as("element type OID").isEqualTo(25);
        assertThat(in.getInt()).as("size").isEqualTo(2);
        assertThat(in.getInt()).as("lower bound").isEqualTo(1);
        assertThat(in.getInt()).isEqualTo(1);
        assertThat(in.get()).isEqualTo((byte) 'a');
        assertThat(in.getInt()).as("NULL element").isEqualTo(-1);
        assertThat(in.position() - start).isEqualTo(fieldLength);
        assertThat(in.getShort()).isEqualTo((short) -1);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void shouldWriteAFloat8ArrayBitForBit() {
        double nanWithPayload = Double.longBitsToDouble(0x7ff0_0000_0000_0abcL);
        double[] values = {1.5, -0.0, 0.0, Double.MIN_VALUE, -Double.MAX_VALUE, nanWithPayload, Double.NEGATIVE_INFINITY};
        BinaryCopyBuffer b = new BinaryCopyBuffer();
        b.start();
        b.startRow(1);
        b.float8Array(values);
        b.finish();

        ByteBuffer in = body(b);
        assertThat(in.getShort()).isEqualTo((short) 1);
        List<byte[]> elements = readArray(in, 701);
        assertThat(elements).hasSize(values.length);
        for (int i = 0; i < values.length; i++) {
            assertThat(elements.get(i)).as("element %d (%s)", i, values[i]).isEqualTo(bits(values[i]));
        }
        assertThat(in.getShort()).isEqualTo((short) -1);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void shouldGiveTheExactSizeOfOneElementArrays() {
        BinaryCopyBuffer b = new BinaryCopyBuffer();
        b.start();
        b.startRow(2);
        b.textArray(new String[] {"pm25"});
        b.float8Array(new double[] {12.25});
        b.finish();

        ByteBuffer in = body(b);
        in.getShort();
        assertThat(in.getInt(in.position())).as("text[] field: 20 bytes of header, 4 + 4 of element").isEqualTo(20 + 4 + 4);
        assertThat(readArray(in, 25)).containsExactly(utf8("pm25"));
        assertThat(in.getInt(in.position())).as("float8[] field: 20 bytes of header, 4 + 8 of element").isEqualTo(20 + 4 + 8);
        assertThat(readArray(in, 701)).containsExactly(bits(12.25));
        assertThat(in.getShort()).isEqualTo((short) -1);
        assertThat(in.hasRemaining()).isFalse();
    }

    /**
     * A whole reading's row among others, with arrays that outgrow the buffer's first 64 KiB midway
     * (the length is patched in after the growth), written twice: the buffer is reused batch to batch.
     */
    @Test
    void shouldLayOutRowsOfReadingsAcrossBufferGrowthAndReuse() throws Exception {
        String[] longNames = new String[60];
        double[] longValues = new double[60];
        for (int i = 0; i < longNames.length; i++) {
            longNames[i] = (i % 2 == 0 ? "x" : "é").repeat(1_000 + i);
            longValues[i] = -i / 3.0;
        }
        BinaryCopyBuffer b = new BinaryCopyBuffer();
        for (int round = 0; round < 2; round++) {
            b.start();
            for (int row = 0; row < 3; row++) {
                b.startRow(6);
                b.text("songdo");
                b.text("songdo-trf-000" + row);
                b.timestamptz(Instant.parse("2000-01-01T00:00:01Z"));
                b.int8(row);
                b.textArray(row == 1 ? longNames : new String[] {"intensity", "occupancy"});
                b.float8Array(row == 1 ? longValues : new double[] {row, -0.0});
            }
            b.finish();
            assertThat(b.length()).as("longer than the first buffer").isGreaterThan(64 << 10);

            ByteBuffer in = body(b);
            for (int row = 0; row < 3; row++) {
                assertThat(in.getShort()).isEqualTo((short) 6);
                assertThat(text(in)).isEqualTo("songdo");
                assertThat(text(in)).isEqualTo("songdo-trf-000" + row);
                assertThat(in.getInt()).isEqualTo(8);
                assertThat(in.getLong()).as("microseconds since 2000-01-01").isEqualTo(1_000_000L);
                assertThat(in.getInt()).isEqualTo(8);
                assertThat(in.getLong()).isEqualTo(row);
                List<byte[]> names = readArray(in, 25);
                List<byte[]> values = readArray(in, 701);
                String[] expectedNames = row == 1 ? longNames : new String[] {"intensity", "occupancy"};
                double[] expectedValues = row == 1 ? longValues : new double[] {row, -0.0};
                assertThat(names).hasSize(expectedNames.length);
                assertThat(values).hasSize(expectedValues.length);
                for (int i = 0; i < expectedNames.length; i++) {
                    assertThat(names.get(i)).isEqualTo(utf8(expectedNames[i]));
                    assertThat(values.get(i)).isEqualTo(bits(expectedValues[i]));
                }
            }
            assertThat(in.getShort()).isEqualTo((short) -1);
            assertThat(in.hasRemaining()).isFalse();
        }
    }
}
