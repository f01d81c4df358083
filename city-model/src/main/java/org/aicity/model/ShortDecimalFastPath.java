package org.aicity.model;

/**
 * Writes the numbers sensors send, decimals of at most three fraction digits between 0.001 and
 * 10<sup>7</sup> (the simulator rounds each metric to 1 to 3 digits), as text without the
 * general shortest-decimal algorithm: the same characters as Jackson's fast double writer
 * (Schubfach, the algorithm of {@code Double.toString} since Java 19), which took 16 % of the
 * simulator's publishing thread in a profile of a 150,000 readings/s run.
 *
 * <p>Why the text is the same: when {@code d} is the double nearest to the decimal m/1000 (checked
 * by dividing back, which Java rounds correctly), that decimal has at most 10 significant digits,
 * and any two decimals of at most 15 significant digits are nearest to different doubles; so it is
 * the only shortest decimal that reads back as {@code d}, which is what Schubfach prints, in plain
 * notation in this range, with its trailing zeros dropped but one fraction digit kept.
 * {@code ShortDecimalFastPathTest} compares it with Jackson's text over millions of values.
 */
final class ShortDecimalFastPath {

    /** Enough for "-9999999.999". */
    static final int MAX_CHARS = 12;

    private ShortDecimalFastPath() {
    }

    /**
     * Writes {@code d} into {@code out} from index 0 and returns the number of characters, or -1
     * (nothing written) when {@code d} is not a decimal this path handles; the caller then writes it
     * the general way.
     */
    static int format(double d, char[] out) {
        double a = Math.abs(d);
        if (!(a >= 1e-3 && a < 1e7)) { // NaN fails here too
            return -1;
        }
        long m = (long) Math.rint(a * 1000);
        if ((double) m / 1000 != a) {
            return -1;
        }
        int p = 0;
        if (d < 0) {
            out[p++] = '-';
        }
        long whole = m / 1000;
        int fraction = (int) (m - whole * 1000);
        if (whole == 0) {
            out[p++] = '0';
        } else {
            int start = p;
            for (long w = whole; w > 0; w /= 10) {
                out[p++] = (char) ('0' + (int) (w % 10));
            }
            for (int i = start, j = p - 1; i < j; i++, j--) {
                char c = out[i];
                out[i] = out[j];
                out[j] = c;
            }
        }
        out[p++] = '.';
        int tenths = fraction / 100;
        int hundredths = fraction / 10 % 10;
        int thousandths = fraction % 10;
        out[p++] = (char) ('0' + tenths);
        if (hundredths != 0 || thousandths != 0) {
            out[p++] = (char) ('0' + hundredths);
            if (thousandths != 0) {
                out[p++] = (char) ('0' + thousandths);
            }
        }
        return p;
    }
}
