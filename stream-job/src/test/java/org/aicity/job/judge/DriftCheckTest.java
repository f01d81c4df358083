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

    @Test
    void shouldNotCallOneMetricOfASeveralMetricSensorOffItsPeersADrift() {
        DriftCheck.State warm = new DriftCheck.State(0.3, 0.0001, DriftCheck.WARM_UP_MINUTES + 100, false, 100);
        DriftCheck.State calm = new DriftCheck.State(0, 0.0001, DriftCheck.WARM_UP_MINUTES + 100, false, 100);
        List<AnomalyScore> minute = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            // station 4's NO2 is far above its peers', its O3 is not: a local plume, not a broken sensor
            double no2 = i == 4 ? 40 : 20;
            minute.add(new AnomalyScore("songdo", "songdo-env-000" + i, "songdo-1", "environment", "no2", T0, no2, no2, 0, 0,
                FaultKind.NONE, Double.NaN, 20, 20));
            minute.add(new AnomalyScore("songdo", "songdo-env-000" + i, "songdo-1", "environment", "o3", T0, 30, 30, 0, 0,
                FaultKind.NONE, Double.NaN, 30, 30));
        }
        DriftCheck.Outcome o = new DriftCheck().check(minute, key -> key.equals("songdo-env-0004|no2") ? warm : calm);

        assertThat(o.states().get("songdo-env-0004|no2").drifting()).isTrue();
        assertThat(o.drifting()).isEmpty();
    }
}
