package org.aicity.platform.embedded;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The startup warning for a heap too small for the simulated city, against what the runs measured. */
class HeapAdviceTest {

    private static final long MB = 1L << 20;

    @Test
    void theDemoCityFitsTheDefaultHeapsItRunsIn() {
        // 300 sensors: live heap under 100 MB for the job's state, runs in -Xmx512m
        assertThat(HeapAdvice.advice(300, 512 * MB)).isEmpty();
    }

    @Test
    void tenThousandSensorsFitTheMeasuredSettingsButNotASmallHeap() {
        // measured: 511-582 MB live after full collections, kept up in -Xmx680m (the JVM reports ~673 MB)
        assertThat(HeapAdvice.liveHeapBytes(10_000) / MB).isBetween(500L, 560L);
        assertThat(HeapAdvice.advice(10_000, 673 * MB)).isEmpty();
        assertThat(HeapAdvice.advice(10_000, 512 * MB)).hasValueSatisfying(w -> assertThat(w)
            .contains("10,000 sensors")
            .contains("at most 512 MB")
            .contains("-Xmx6")
            .contains("AICITY_SIMULATOR_SENSORS"));
    }
}
