package org.aicity.job.predict;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AccuracyTest {

    private static final Instant T = Instant.parse("2026-11-21T08:10:00Z");

    @Test
    void shouldSumErrorsCoverageAndCompareBaselinesOnTheSameTargets() {
        Accuracy a = Accuracy.empty(Horizon.MIN_15, Accuracy.periodOf(T))
            .plus(new ForecastOutcome(Horizon.MIN_15, T, 10, 12, 11, 13, 9, 15, 20, Double.NaN))
            .plus(new ForecastOutcome(Horizon.MIN_15, T, 10, 10, 9, 11, 8, 12, 10, 14));
        assertThat(a.periodStart()).isEqualTo(Instant.parse("2026-11-21T08:00:00Z"));
        assertThat(a.count()).isEqualTo(2);
        assertThat(a.mae()).isEqualTo(1.0);
        assertThat(a.smape()).isCloseTo((2.0 * 2 / 22) / 2, within(1e-12));
        assertThat(a.coverage80()).isEqualTo(0.5);
        assertThat(a.coverage95()).isEqualTo(1.0);
        assertThat(a.persistenceMae()).isEqualTo(5.0);
        assertThat(a.seasonalCount()).isEqualTo(1);
        assertThat(a.maeOnSeasonal()).isEqualTo(0.0);
        assertThat(a.seasonalNaiveMae()).isEqualTo(4.0);
    }

    @Test
    void shouldDefineSmapeAsZeroWhenBothAreZero() {
        assertThat(Accuracy.smape(0, 0)).isZero();
        assertThat(Accuracy.smape(0, 5)).isEqualTo(2.0);
        assertThat(Accuracy.empty(Horizon.MIN_60, T).mae()).isNaN();
    }
}
