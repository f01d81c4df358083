package org.aicity.job.judge;

import org.aicity.model.MetricCatalogue;
import org.aicity.model.MetricSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FaultChecksTest {

    private static final JudgeSettings SETTINGS = JudgeSettings.defaults();
    private static final MetricSpec OCCUPANCY = MetricCatalogue.standard().find("occupancy").orElseThrow();
    private static final MetricSpec PV = MetricCatalogue.standard().find("generatedPower").orElseThrow();

    @Test
    void shouldFlagValuesOutsideThePhysicalRange() {
        FaultChecks checks = new FaultChecks();
        assertThat(checks.check(1.4, 0, OCCUPANCY, SETTINGS)).isEqualTo(FaultKind.IMPOSSIBLE);
        assertThat(checks.check(Double.NaN, 0, OCCUPANCY, SETTINGS)).isEqualTo(FaultKind.IMPOSSIBLE);
        assertThat(checks.check(0.4, 0, OCCUPANCY, SETTINGS)).isEqualTo(FaultKind.NONE);
    }

    @Test
    void shouldFlagAStuckValueAfterEnoughRepeatsButNotASeriesRestingOnItsFloor() {
        FaultChecks stuck = new FaultChecks();
        FaultChecks night = new FaultChecks();
        FaultKind last = FaultKind.NONE;
        for (int i = 0; i < SETTINGS.stuckPoints(); i++) {
            assertThat(last).isEqualTo(FaultKind.NONE);
            last = stuck.check(0.231, 0.1, OCCUPANCY, SETTINGS);
            assertThat(night.check(0.0, 0.0, PV, SETTINGS)).isEqualTo(FaultKind.NONE);
        }
        assertThat(last).isEqualTo(FaultKind.STUCK);
        assertThat(stuck.check(0.25, 0.1, OCCUPANCY, SETTINGS)).isEqualTo(FaultKind.NONE);
    }

    @Test
    void shouldFlagASpikeOnlyAfterANormalPoint() {
        FaultChecks checks = new FaultChecks();
        assertThat(checks.check(0.2, 0.5, OCCUPANCY, SETTINGS)).isEqualTo(FaultKind.NONE);
        assertThat(checks.check(0.9, 9, OCCUPANCY, SETTINGS)).isEqualTo(FaultKind.SPIKE);
        // still far off a minute later: a level change (an incident, say), not a spike
        assertThat(checks.check(0.91, 9, OCCUPANCY, SETTINGS)).isEqualTo(FaultKind.NONE);
        assertThat(checks.check(0.92, Double.NaN, OCCUPANCY, SETTINGS)).isEqualTo(FaultKind.NONE);
    }

    @Test
    void shouldScoreResidualsBetweenTheThresholds() {
        assertThat(SETTINGS.residualScore(2)).isZero();
        assertThat(SETTINGS.residualScore(-4.5)).isEqualTo(0.5);
        assertThat(SETTINGS.residualScore(12)).isEqualTo(1.0);
        assertThat(SETTINGS.residualScore(Double.NaN)).isZero();
    }

    @Test
    void shouldNotCallASmoothSeriesChangeASpikeWhenTheJumpIsSmallAgainstItsLevel() {
        FaultChecks checks = new FaultChecks();
        MetricSpec temperature = MetricCatalogue.standard().find("temperature").orElseThrow();
        assertThat(checks.check(12.0, 0.5, 0.01, temperature, SETTINGS)).isEqualTo(FaultKind.NONE);
        // 12 σ off a tiny σ, but only 20 % of the level: a change of weather
        assertThat(checks.check(14.4, 12, 0.2, temperature, SETTINGS)).isEqualTo(FaultKind.NONE);
        assertThat(checks.check(12.1, 0.5, 0.01, temperature, SETTINGS)).isEqualTo(FaultKind.NONE);
        assertThat(checks.check(40.0, 12, 2.3, temperature, SETTINGS)).isEqualTo(FaultKind.SPIKE);
        assertThat(checks.check(12.2, 0.5, 0.01, temperature, SETTINGS)).isEqualTo(FaultKind.NONE);
        assertThat(checks.check(20.0, 12, 1.2, temperature, SETTINGS)).isEqualTo(FaultKind.NONE);
    }

    @Test
    void shouldFindAStuckValueSoonerInASeriesThatRarelyRepeats() {
        FaultChecks moving = new FaultChecks();
        FaultChecks choppy = new FaultChecks();
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int i = 0; i < 300; i++) {
            assertThat(moving.check(0.2 + 0.001 * i, 0.1, OCCUPANCY, SETTINGS)).isEqualTo(FaultKind.NONE);
            // a quiet road at night: a few distinct values, so repeats are common
            choppy.check(0.01 * random.nextInt(1, 4), 0.1, OCCUPANCY, SETTINGS);
        }
        FaultKind moved = FaultKind.NONE;
        FaultKind chopped = FaultKind.NONE;
        for (int i = 0; i < FaultChecks.STUCK_MIN_POINTS; i++) {
            moved = moving.check(0.5, 0.1, OCCUPANCY, SETTINGS);
            chopped = choppy.check(0.02, 0.1, OCCUPANCY, SETTINGS);
        }
        assertThat(moved).isEqualTo(FaultKind.STUCK);
        assertThat(chopped).isEqualTo(FaultKind.NONE);
    }

    @Test
    void shouldRememberThePeakOfPointsThatPassedTheChecksAndLetItFadeOverWeeks() {
        FaultChecks checks = new FaultChecks();
        assertThat(checks.peak()).isNaN();
        checks.check(80, 0.5, PV, SETTINGS);
        checks.check(20, 0.5, PV, SETTINGS);
        assertThat(checks.peak()).isCloseTo(80, org.assertj.core.data.Offset.offset(0.01));
        // a spike is not learnt as the series' peak
        assertThat(checks.check(400, 9, 12, PV, SETTINGS)).isEqualTo(FaultKind.SPIKE);
        assertThat(checks.peak()).isLessThan(80.01);
        // a week of points at 40: the peak has halved towards them
        for (int i = 0; i < FaultChecks.PEAK_HALF_LIFE_POINTS; i++) {
            checks.check(40 + (i % 2) * 0.5, 0.1, PV, SETTINGS);
        }
        assertThat(checks.peak()).isBetween(40.0, 41.0);
    }
}
