package org.aicity.job.sink;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;

/**
 * The data of one {@code COPY ... FROM STDIN (FORMAT binary)}, built in memory: the signature, rows
 * of fields each prefixed by its length, and the trailer. Fields go in the server's binary wire
 * formats, so nothing is parsed on the server and doubles arrive bit for bit. Reused from batch to
 * batch; not thread-safe.
 */
final class BinaryCopyBuffer {

    /** {@code PGCOPY\n\377\r\n\0}, then flags (no OIDs) and the length of the header extension, both 0. */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in seconds since 1970-01-01T00:00:00Z. */
    static final long PG_EPOCH_SECONDS = 946_684_800L;
    /** A buffer grown past this for one big batch is dropped afterwards rather than kept. */
    private static final int KEEP_AT_MOST = 4 << 20;
    /** Element types of arrays, as in pg_type. */
    static final int TEXT_OID = 25;
    static final int FLOAT8_OID = 701;

    private byte[] bytes = new byte[64 << 10];
    private int length;

    /** Empties the buffer and writes the header. */
    void start() {
        if (bytes.length > KEEP_AT_MOST) {
            bytes = new byte[64 << 10];
        }
        length = 0;
        put(HEADER);
    }

    /**
     * Empties the buffer without writing the header: for the next part of COPY data whose first
     * part (with the header) has been sent already.
     */
    void clear() {
        if (bytes.length > KEEP_AT_MOST) {
            bytes = new byte[64 << 10];
        }
        length = 0;
    }

    void startRow(int fields) {
        putShort(fields);
    }

    /** Writes the trailer; the buffer then holds the complete COPY data. */
    void finish() {
        putShort(-1);
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** A {@code text} field: its UTF-8 bytes. */
    void text(String s) {
        if (s == null) {
            nullField();
            return;
        }
        int n = s.length();
        ensure(4 + 3 * n);
        int lengthAt = length;
        length += 4;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) { // not ASCII: let the JDK encode it
                length = lengthAt;
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                putInt(utf8.length);
                put(utf8);
                return;
            }
            bytes[length++] = (byte) c;
        }
        int end = length;
        length = lengthAt;
        putInt(n);
        length = end;
    }

    /** An {@code integer} field. */
    void int4(int v) {
        ensure(8);
        putInt(4);
        putInt(v);
    }

    /** A {@code bigint} field. */
    void int8(long v) {
        ensure(12);
        putInt(8);
        putLong(v);
    }

    /** A {@code double precision} field, bit for bit (so -0.0 stays negative). */
    void float8(double v) {
        int8(Double.doubleToRawLongBits(v));
    }

    /**
     * A {@code timestamptz} field: microseconds since 2000-01-01 UTC, rounded half up from
     * nanoseconds as pgjdbc rounds a bound {@code OffsetDateTime}, so both ways of writing store the
     * same key for the same instant.
     */
    void timestamptz(Instant t) throws SQLException {
        if (t == null) {
            nullField();
            return;
        }
        int8(pgMicros(t));
    }

    /**
     * A one-dimensional {@code text[]} field in the server's array format: dimensions, whether an
     * element is NULL, element type, then length and lower bound (1) of the dimension, then each
     * element prefixed by its length (-1 for NULL).
     */
    void textArray(String[] elements) {
        boolean hasNull = false;
        for (String e : elements) {
            hasNull |= e == null;
        }
        int lengthAt = arrayHeader(TEXT_OID, elements.length, hasNull);
        for (String e : elements) {
            text(e);
        }
        patchFieldLength(lengthAt);
    }

    /** A one-dimensional {@code double precision[]} field, each element bit for bit. */
    void float8Array(double[] elements) {
        int lengthAt = arrayHeader(FLOAT8_OID, elements.length, false);
        ensure(12 * elements.length);
        for (double v : elements) {
            putInt(8);
            putLong(Double.doubleToRawLongBits(v));
        }
        patchFieldLength(lengthAt);
    }

    /** Reserves the field's length and writes the array header; returns where the length goes. */
    private int arrayHeader(int elementOid, int size, boolean hasNull) {
        ensure(24);
        int lengthAt = length;
        length += 4;
        putInt(1);          // dimensions
        putInt(hasNull ? 1 : 0);
        putInt(elementOid);
        putInt(size);
        putInt(1);          // lower bound
        return lengthAt;
    }

    private void patchFieldLength(int lengthAt) {
        int end = length;
        length = lengthAt;
        putInt(end - lengthAt - 4);
        length = end;
    }

    /** SQL NULL, which the server refuses for a NOT NULL column as it refuses a bound null. */
    void nullField() {
        putInt(-1);
    }

    static long pgMicros(Instant t) throws SQLException {
        try {
            long micros = Math.addExact(Math.multiplyExact(t.getEpochSecond() - PG_EPOCH_SECONDS, 1_000_000L),
                t.getNano() / 1000);
            return t.getNano() % 1000 >= 500 ? Math.addExact(micros, 1) : micros;
        } catch (ArithmeticException e) {
            throw new SQLException("timestamp out of range: " + t, "22008", e);
        }
    }

    private void put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, length, b.length);
        length += b.length;
    }

    private void putShort(int v) {
        ensure(2);
        bytes[length++] = (byte) (v >>> 8);
        bytes[length++] = (byte) v;
    }

    private void putInt(int v) {
        ensure(4);
        bytes[length++] = (byte) (v >>> 24);
        bytes[length++] = (byte) (v >>> 16);
        bytes[length++] = (byte) (v >>> 8);
        bytes[length++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
