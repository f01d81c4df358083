package org.aicity.job.predict;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Float24ArrayTest {

    @Test
    void shouldKeepIntegersUpTo65536AndSpecialValuesExactly() {
        Float24Array a = new Float24Array(8);
        float[] exact = {0f, -0f, 1f, -1f, 65_536f, -65_535f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (int i = 0; i < exact.length; i++) {
            a.set(i, exact[i]);
        }
        for (int i = 0; i < exact.length; i++) {
            assertThat(Float.floatToIntBits(a.get(i))).as("value %s", exact[i]).isEqualTo(Float.floatToIntBits(exact[i]));
        }
        a.set(0, Float.NaN);
        assertThat(a.get(0)).isNaN();
        for (int v = -70_000; v <= 70_000; v++) {
            if (Math.abs(v) <= 65_536) {
                assertThat(Float24Array.stored(v)).isEqualTo((float) v);
            }
        }
    }

    @Test
    void shouldRoundToNearestWithin15PartsPerMillionOverTheWholeRange() {
        SplittableRandom random = new SplittableRandom(24);
        Float24Array a = new Float24Array(1);
        for (int n = 0; n < 1_000_000; n++) {
            float v = Float.intBitsToFloat(random.nextInt());
            if (Float.isNaN(v) || Float.isInfinite(v)) {
                continue;
            }
            a.set(0, v);
            float back = a.get(0);
            assertThat(back).isEqualTo(Float24Array.stored(v));
            assertThat(Float.isInfinite(back)).as("%s stays finite", v).isFalse();
            if (Math.abs(v) >= Float.MIN_NORMAL) {
                assertThat((double) Math.abs(back - v)).as("%s", v).isLessThanOrEqualTo(Math.abs((double) v) * 0x1p-16 * 1.0000001);
                assertThat(Math.signum(back)).isEqualTo(Math.signum(v));
            }
        }
        a.set(0, Float.MAX_VALUE);
        assertThat(a.get(0)).isFinite().isGreaterThan(Float.MAX_VALUE * 0.9999f);
        // sensor-like values: a tenth of a degree, a few kW
        a.set(0, 21.37f);
        assertThat((double) a.get(0)).isCloseTo(21.37, org.assertj.core.data.Offset.offset(0.0002));
        a.set(0, 12_345.6f);
        assertThat((double) a.get(0)).isCloseTo(12_345.6, org.assertj.core.data.Offset.offset(0.1));
    }

    @Test
    void shouldRoundTripItsBytes() throws Exception {
        Float24Array a = new Float24Array(1440);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < a.length(); i++) {
            a.set(i, i % 97 == 0 ? Float.NaN : (float) (random.nextDouble() * 2_000 - 500));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.writeTo(new DataOutputStream(bytes));
        assertThat(bytes.size()).isEqualTo(3 * 1440);
        Float24Array b = new Float24Array(1440);
        b.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(b).isEqualTo(a);
    }

    @Test
    void shouldRefuseAnIndexOutsideItsLengthAsAnArrayDoes() {
        // 96 values: a full chunk of 60 and a partial one of 36
        Float24Array a = new Float24Array(96);
        a.set(95, 1.5f);
        assertThat(a.get(95)).isEqualTo(1.5f);
        for (int bad : new int[] {-1, -61, 96, 119, 120, 64 * Float24Array.CHUNK}) {
            assertThatThrownBy(() -> a.get(bad)).as("get " + bad).isInstanceOf(ArrayIndexOutOfBoundsException.class);
            assertThatThrownBy(() -> a.set(bad, 1f)).as("set " + bad).isInstanceOf(ArrayIndexOutOfBoundsException.class);
        }
    }
}
