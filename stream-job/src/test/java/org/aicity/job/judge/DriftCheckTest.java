package org.aicity.job.judge;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class DriftCheckTest {

    private static final Instant T0 = Instant.parse("2026-11-10T00:00:00Z");

    /** Runs minutes of four PM2.5 stations; returns the first minute station 4 was found drifting, or -1. */
    private static int firstDriftMinute(int minutes, double driftPerHour, double sharedShiftFrom) {
        DriftCheck check = new DriftCheck();
        Map<String, DriftCheck.State> states = new HashMap<>();
        SplittableRandom noise = new SplittableRandom(11);
        int driftStart = minutes - 240;
        for (int m = 0; m < minutes; m++) {
            // weather: every station 30 % up from sharedShiftFrom on
            double shared = m >= sharedShiftFrom ? 1.3 : 1.0;
            List<AnomalyScore> minute = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                double typical = 20 + 2 * i;
                double value = typical * shared * (1 + 0.03 * noise.nextGaussian());
                if (i == 4 && m >= driftStart) {
                    value += typical * driftPerHour * (m - driftStart) / 60.0;
                }
                minute.add(new AnomalyScore("songdo", "songdo-env-000" + i, "songdo-1", "environment", "pm25",
                    T0.plusSeconds(60L * m), value, value, 0, 0, FaultKind.NONE, Double.NaN, typical, typical));
            }
            DriftCheck.Outcome o = check.check(minute, states::get);
            states.putAll(o.states());
            if (o.drifting().contains("songdo-env-0004|pm25")) {
                return m - driftStart;
            }
            assertThat(o.drifting()).isEmpty();
        }
        return -1;
    }

    @Test
    void shouldFindASensorDriftingAwayFromItsPeersWithinTwoHours() {
        int minutesAfterStart = firstDriftMinute(24 * 60, 0.10, Double.POSITIVE_INFINITY);
        assertThat(minutesAfterStart).isBetween(30, 100);
    }

    @Test
    void shouldNotCallAShiftThatEveryPeerSharesADrift() {
        assertThat(firstDriftMinute(24 * 60, 0, 20 * 60)).isEqualTo(-1);
    }

    /** A warm state whose smoothed deviation followed {@code deviationAt(stepsAgo)} over the last hour. */
    private static DriftCheck.State warmState(java.util.function.IntToDoubleFunction deviationAt, boolean drifting) {
        DriftCheck.State s = new DriftCheck.State(0, 0.0001, DriftCheck.WARM_UP_MINUTES - 61, false, 100, null);
        for (int ago = 60; ago >= 0; ago--) {
            DriftCheck.State next = DriftCheck.update(s, 0, true);
            double[] h = next.history();
            h[(int) (next.count() % h.length)] = deviationAt.applyAsDouble(ago);
            s = new DriftCheck.State(deviationAt.applyAsDouble(ago), 0.0001, next.count(), drifting, 100, h);
        }
        return s;
    }

    /** One minute of four stations reporting NO2 and O3; station 4's values as given, the others' typical. */
    private static List<AnomalyScore> stationMinute(double no2At4, double o3At4) {
        List<AnomalyScore> minute = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            double no2 = i == 4 ? no2At4 : 20;
            double o3 = i == 4 ? o3At4 : 30;
            minute.add(new AnomalyScore("songdo", "songdo-env-000" + i, "songdo-1", "environment", "no2", T0, no2, no2, 0, 0,
                FaultKind.NONE, Double.NaN, 20, 20));
            minute.add(new AnomalyScore("songdo", "songdo-env-000" + i, "songdo-1", "environment", "o3", T0, o3, o3, 0, 0,
                FaultKind.NONE, Double.NaN, 30, 30));
        }
        return minute;
    }

    @Test
    void shouldNotCallOneMetricOfASeveralMetricSensorOffItsPeersADrift() {
        // station 4's NO2 has ramped far above its peers', its O3 has not: a local plume, not a broken sensor
        DriftCheck.State ramped = warmState(ago -> Math.log(2) * (60 - ago) / 60.0, false);
        DriftCheck.State calm = warmState(ago -> 0, false);
        DriftCheck.Outcome o = new DriftCheck().check(stationMinute(40, 30),
            key -> key.equals("songdo-env-0004|no2") ? ramped : calm);

        assertThat(o.states().get("songdo-env-0004|no2").drifting()).isTrue();
        assertThat(o.drifting()).isEmpty();
    }

    @Test
    void shouldCallTwoMetricsRampingTheSameWayADriftButNotTwoRampingOppositeWays() {
        DriftCheck.State up = warmState(ago -> Math.log(2) * (60 - ago) / 60.0, false);
        DriftCheck.State down = warmState(ago -> -Math.log(2) * (60 - ago) / 60.0, false);
        DriftCheck.State calm = warmState(ago -> 0, false);

        DriftCheck.Outcome same = new DriftCheck().check(stationMinute(40, 60),
            key -> key.startsWith("songdo-env-0004|") ? up : calm);
        DriftCheck.Outcome opposite = new DriftCheck().check(stationMinute(40, 15),
            key -> key.equals("songdo-env-0004|no2") ? up : key.equals("songdo-env-0004|o3") ? down : calm);

        assertThat(same.drifting()).containsExactlyInAnyOrder("songdo-env-0004|no2", "songdo-env-0004|o3");
        assertThat(opposite.drifting()).isEmpty();
    }

    @Test
    void shouldNotCallAStepAwayFromThePeersADrift() {
        // the same distance from the peers, reached in one step 45 minutes ago and flat since: a
        // change of the place (a building's use, a new obstacle near a station), not a slow fault
        DriftCheck.State stepped = warmState(ago -> ago > 45 ? 0 : Math.log(2), false);
        DriftCheck.State ramped = warmState(ago -> Math.log(2) * (60 - ago) / 60.0, false);

        assertThat(DriftCheck.update(stepped, Math.log(2), true).drifting()).isFalse();
        assertThat(DriftCheck.update(ramped, Math.log(2), true).drifting()).isTrue();
    }

    @Test
    void shouldCompareASensorWithPeersOfItsOwnKindWhenThereAreEnough() {
        // three offices follow a cold morning up 40 %, three plants stay flat: against the whole
        // district each group looks off; against its own kind nothing is
        List<AnomalyScore> minute = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            double typical = 500;
            double value = i <= 3 ? typical * 1.4 : typical;
            minute.add(new AnomalyScore("songdo", "songdo-nrg-000" + i, "songdo-1", "energy", "activePower", T0, value, value,
                0, 0, FaultKind.NONE, Double.NaN, typical, typical));
        }
        DriftCheck.State warm = warmState(ago -> 0, false);
        DriftCheck.Outcome o = new DriftCheck().check(minute, key -> warm,
            sensor -> sensor.compareTo("songdo-nrg-0003") <= 0 ? "building-meter" : "plant-meter");

        assertThat(o.states().values()).allSatisfy(st -> assertThat(st.shortMean()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9)));
    }

    @Test
    void shouldNotCallTheMirrorImageOfAnEndedDriftANewDriftForAWeek() {
        long t0 = T0.toEpochMilli();
        DriftCheck.State drifting = warmState(ago -> Math.log(2) * (60 - ago) / 60.0, true);
        // the drift is repaired: the deviation falls back, and the state remembers the imprint
        DriftCheck.State ended = DriftCheck.update(drifting, -1, true, t0);
        for (int i = 0; i < 30 && ended.drifting(); i++) {
            ended = DriftCheck.update(ended, -1, true, t0 + 60_000L * i);
        }
        assertThat(ended.drifting()).isFalse();
        assertThat(ended.imprintSign()).isPositive();

        // a day later, the same sensor ramps the other way at the same time of day
        DriftCheck.State calm = ended;
        DriftCheck.State mirrored = warmState(ago -> -Math.log(2) * (60 - ago) / 60.0, false);
        mirrored = new DriftCheck.State(mirrored.shortMean(), mirrored.shortVariance(), mirrored.count(), false,
            mirrored.quietMinutes(), mirrored.history(), calm.imprintSign(), calm.imprintUntil());
        long nextDay = t0 + 24 * 3_600_000L;
        long nextMonth = t0 + 30L * 24 * 3_600_000L;

        assertThat(DriftCheck.update(mirrored, -Math.log(2), true, nextDay).drifting()).isFalse();
        assertThat(DriftCheck.update(mirrored, -Math.log(2), true, nextMonth).drifting()).isTrue();
    }

    @Test
    void shouldCountPm25AndPm10AsOneWitnessAndAskForAMajorityOfAStationsMetrics() {
        assertThat(DriftCheck.witnessesNeeded(1)).isEqualTo(1);
        assertThat(DriftCheck.witnessesNeeded(2)).isEqualTo(2);
        assertThat(DriftCheck.witnessesNeeded(3)).isEqualTo(2);
        assertThat(DriftCheck.witnessesNeeded(5)).isEqualTo(3);

        DriftCheck.State up = warmState(ago -> Math.log(2) * (60 - ago) / 60.0, false);
        DriftCheck.State calm = warmState(ago -> 0, false);
        String[] metrics = {"pm25", "pm10", "no2", "o3", "temperature", "relativeHumidity"};
        java.util.function.Function<java.util.Set<String>, List<AnomalyScore>> minute = drifting -> {
            List<AnomalyScore> all = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                for (String metric : metrics) {
                    double v = i == 4 && drifting.contains(metric) ? 40 : 20;
                    all.add(new AnomalyScore("songdo", "songdo-env-000" + i, "songdo-1", "environment", metric, T0, v, v, 0, 0,
                        FaultKind.NONE, Double.NaN, 20, 20));
                }
            }
            return all;
        };
        // a plume: both particulate sizes up at one station, nothing else
        java.util.Set<String> plume = java.util.Set.of("pm25", "pm10");
        DriftCheck.Outcome o1 = new DriftCheck().check(minute.apply(plume),
            key -> key.startsWith("songdo-env-0004|pm") ? up : calm);
        // a failing station: particulates, NO2 and O3 all up
        java.util.Set<String> failing = java.util.Set.of("pm25", "pm10", "no2", "o3");
        DriftCheck.Outcome o2 = new DriftCheck().check(minute.apply(failing),
            key -> key.startsWith("songdo-env-0004|") && failing.contains(key.substring(key.indexOf('|') + 1)) ? up : calm);

        assertThat(o1.drifting()).isEmpty();
        assertThat(o2.drifting()).containsExactlyInAnyOrder("songdo-env-0004|pm25", "songdo-env-0004|pm10",
            "songdo-env-0004|no2", "songdo-env-0004|o3");
    }
}
