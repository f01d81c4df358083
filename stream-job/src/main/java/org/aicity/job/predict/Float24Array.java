package org.aicity.job.predict;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A fixed-size array of floats kept in 3 bytes each: a float with the low 8 of its 23 mantissa
 * bits rounded off, so 16 significant bits (relative error at most 2^-16, about 15 parts per
 * million; integers up to 65,536 are exact), with the float's full range, its sign, infinities
 * and NaN. A series model keeps a day of its values for the seasonal-naive baseline: 1,440 of
 * them per 1-minute series, the largest part of its memory, and sensor values carry fewer
 * significant digits than that.
 *
 * <p>Kept in chunks of {@link #CHUNK} values, so that a {@link #shareCopy} shares them and a model
 * that records one value after being copied copies one chunk (180 bytes), not the whole day.
 */
final class Float24Array {

    private static final int CANONICAL_NAN = 0x7FC00000;
    private static final int EXPONENT = 0x7F800000;

    /** Values per chunk: an hour of a 1-minute series. */
    static final int CHUNK = 60;
    private static final int MAX_CHUNKS = Long.SIZE;

    private final int length;
    private final byte[][] chunks;
    /** Bit c: chunk c is this array's own, not shared with a copy, so it may be written. */
    private long owned;

    Float24Array(int length) {
        int n = (length + CHUNK - 1) / CHUNK;
        if (length < 0 || n > MAX_CHUNKS) {
            throw new IllegalArgumentException("length must be between 0 and " + MAX_CHUNKS * CHUNK + ", was " + length);
        }
        this.length = length;
        this.chunks = new byte[n][];
        for (int c = 0; c < n; c++) {
            chunks[c] = new byte[3 * Math.min(CHUNK, length - c * CHUNK)];
        }
        this.owned = n == MAX_CHUNKS ? -1L : (1L << n) - 1;
    }

    private Float24Array(Float24Array from) {
        this.length = from.length;
        this.chunks = from.chunks.clone();
        this.owned = 0;
    }

    /**
     * A copy that shares this array's chunks: whichever of the two writes a shared chunk first
     * copies it then. Equal to this array, and independent of it.
     */
    Float24Array shareCopy() {
        owned = 0;
        return new Float24Array(this);
    }

    /** How many chunks this array shares with a copy (for tests). */
    int sharedChunks() {
        return chunks.length - Long.bitCount(owned);
    }

    int length() {
        return length;
    }

    // An index out of range fails on the chunk or the position in it, as on a plain array.

    float get(int i) {
        byte[] chunk = chunks[i / CHUNK];
        int at = 3 * (i % CHUNK);
        int bits = (chunk[at] & 0xFF) << 24 | (chunk[at + 1] & 0xFF) << 16 | (chunk[at + 2] & 0xFF) << 8;
        return Float.intBitsToFloat(bits);
    }

    void set(int i, float value) {
        int bits = round(value);
        int c = i / CHUNK;
        if ((owned & (1L << c)) == 0) {
            chunks[c] = chunks[c].clone();
            owned |= 1L << c;
        }
        byte[] chunk = chunks[c];
        int at = 3 * (i % CHUNK);
        chunk[at] = (byte) (bits >>> 24);
        chunk[at + 1] = (byte) (bits >>> 16);
        chunk[at + 2] = (byte) (bits >>> 8);
    }

    void fill(float value) {
        for (int i = 0; i < length(); i++) {
            set(i, value);
        }
    }

    /** The value {@link #get} gives back after {@code set(value)}: for tests and for the docs' error bound. */
    static float stored(float value) {
        return Float.intBitsToFloat(round(value) & 0xFFFFFF00);
    }

    private static int round(float value) {
        if (Float.isNaN(value)) {
            return CANONICAL_NAN;
        }
        int bits = Float.floatToRawIntBits(value);
        int rounded = bits + 0x80; // half up in magnitude; a carry into the exponent is still correct
        if ((rounded & EXPONENT) == EXPONENT && (bits & EXPONENT) != EXPONENT) {
            return bits; // the largest floats would round to infinity: truncate them instead
        }
        return rounded;
    }

    void writeTo(DataOutput out) throws IOException {
        for (byte[] chunk : chunks) {
            out.write(chunk);
        }
    }

    void readFrom(DataInput in) throws IOException {
        for (int c = 0; c < chunks.length; c++) {
            if ((owned & (1L << c)) == 0) {
                chunks[c] = new byte[chunks[c].length];
                owned |= 1L << c;
            }
            in.readFully(chunks[c]);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Float24Array a && Arrays.deepEquals(chunks, a.chunks);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(chunks);
    }
}
