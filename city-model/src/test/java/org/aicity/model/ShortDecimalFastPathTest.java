package org.aicity.model;

import com.fasterxml.jackson.core.io.NumberOutput;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast path writes what Jackson's fast double writer writes, or declines. */
class ShortDecimalFastPathTest {

    private final char[] out = new char[ShortDecimalFastPath.MAX_CHARS];

    /** The fast path's text, or null when it declines. */
    private String fast(double d) {
        int n = ShortDecimalFastPath.format(d, out);
        return n < 0 ? null : new String(out, 0, n);
    }

    private static String jackson(double d) {
        return NumberOutput.toString(d, true);
    }

    @Test
    void writesEveryDecimalOfUpToThreeFractionDigitsInItsRangeAsJacksonDoes() {
        SplittableRandom random = new SplittableRandom(7);
        double[] scales = {1, 10, 100, 1000};
        long checked = 0;
        for (int i = 0; i < 2_000_000; i++) {
            int s = random.nextInt(4);
            // magnitudes from 0.001 to 10^7, spread over the decades
            long bound = (long) Math.pow(10, 1 + random.nextInt(10));
            long m = random.nextLong(1, Math.max(2, Math.min(bound, (long) (1e7 * scales[s]))));
            double d = m / scales[s] * (random.nextBoolean() ? 1 : -1);
            if (Math.abs(d) < 1e-3 || Math.abs(d) >= 1e7) {
                continue;
            }
            String text = fast(d);
            assertThat(text).as("%s must take the fast path", jackson(d)).isNotNull();
            assertThat(text).as("m=%d scale=%s", m, scales[s]).isEqualTo(jackson(d));
            checked++;
        }
        assertThat(checked).isGreaterThan(1_500_000);
    }

    @Test
    void writesWhatTheSimulatorsRoundingGivesAsJacksonDoes() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 1_000_000; i++) {
            int decimals = 1 + random.nextInt(3);
            double p = Math.pow(10, decimals);
            double v = random.nextDouble(-5_000, 20_000);
            double rounded = Math.round(v * p) / p;
            String text = fast(rounded);
            if (Math.abs(rounded) >= 1e-3) {
                assertThat(text).as("%s", rounded).isEqualTo(jackson(rounded));
            } else {
                assertThat(text).as("%s is outside the range", rounded).isNull();
            }
        }
    }

    @Test
    void declinesOrAgreesOnAnyOtherDouble() {
        SplittableRandom random = new SplittableRandom(3);
        int taken = 0;
        for (int i = 0; i < 2_000_000; i++) {
            double d = switch (i % 3) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> random.nextDouble(-1e7, 1e7);
                default -> random.nextDouble(-2, 2) / 7;
            };
            String text = fast(d);
            if (text != null) {
                assertThat(text).as("%s", d).isEqualTo(jackson(d));
                taken++;
            }
        }
        // arbitrary doubles almost never are short decimals
        assertThat(taken).isLessThan(100);
    }

    @Test
    void edges() {
        assertThat(fast(0.001)).isEqualTo("0.001").isEqualTo(jackson(0.001));
        assertThat(fast(-0.001)).isEqualTo("-0.001");
        assertThat(fast(9_999_999.999)).isEqualTo("9999999.999").isEqualTo(jackson(9_999_999.999));
        assertThat(fast(-9_999_999.999)).hasSize(ShortDecimalFastPath.MAX_CHARS);
        assertThat(fast(1.0)).isEqualTo("1.0").isEqualTo(jackson(1.0));
        assertThat(fast(100.0)).isEqualTo("100.0").isEqualTo(jackson(100.0));
        assertThat(fast(0.05)).isEqualTo("0.05").isEqualTo(jackson(0.05));
        assertThat(fast(12.5)).isEqualTo("12.5");
        assertThat(fast(1_000_000.1)).isEqualTo("1000000.1").isEqualTo(jackson(1_000_000.1));
        assertThat(fast(0.1 + 0.2)).as("0.30000000000000004 is not a short decimal").isNull();
        assertThat(fast(1.0 / 3)).isNull();
        assertThat(fast(0.0009)).as("below the range: Jackson writes 9.0E-4").isNull();
        assertThat(fast(1e7)).as("at 10^7 Jackson switches to 1.0E7").isNull();
        assertThat(fast(0.0)).isNull();
        assertThat(fast(-0.0)).isNull();
        assertThat(fast(Double.NaN)).isNull();
        assertThat(fast(Double.POSITIVE_INFINITY)).isNull();
        assertThat(fast(Double.NEGATIVE_INFINITY)).isNull();
        assertThat(fast(Double.MIN_VALUE)).isNull();
        assertThat(fast(0.0015)).as("four fraction digits").isNull();
        assertThat(fast(2.675)).as("not exactly 2.675, but the double nearest to it").isEqualTo("2.675")
            .isEqualTo(jackson(2.675));
    }
}
