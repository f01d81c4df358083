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
 */
final class Float24Array {

    private static final int CANONICAL_NAN = 0x7FC00000;
    private static final int EXPONENT = 0x7F800000;

    private final byte[] bytes;

    Float24Array(int length) {
        this.bytes = new byte[3 * length];
    }

    int length() {
        return bytes.length / 3;
    }

    float get(int i) {
        int at = 3 * i;
        int bits = (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8;
        return Float.intBitsToFloat(bits);
    }

    void set(int i, float value) {
        int bits = round(value);
        int at = 3 * i;
        bytes[at] = (byte) (bits >>> 24);
        bytes[at + 1] = (byte) (bits >>> 16);
        bytes[at + 2] = (byte) (bits >>> 8);
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
        out.write(bytes);
    }

    void readFrom(DataInput in) throws IOException {
        in.readFully(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Float24Array a && Arrays.equals(bytes, a.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
