package org.aicity.job.evaluate;

import org.aicity.sim.truth.GroundTruthEvent;
import org.aicity.sim.truth.GroundTruthEvent.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DetectionScoreTest {

    private static final Instant T0 = Instant.parse("2026-11-10T00:00:00Z");
    private static final DetectionScore SCORE = new DetectionScore(Duration.ofMinutes(15));

    private static GroundTruthEvent event(String id, Kind kind, String district, String corridor, List<String> sensors,
                                          int startMinute, int endMinute) {
        return new GroundTruthEvent(id, kind, "songdo", district, corridor, sensors, T0.plusSeconds(60L * startMinute),
            T0.plusSeconds(60L * endMinute), List.of(), Map.of());
    }

    private static ReplayedAlert alert(String kind, String subject, String district, int raisedMinute, Integer closedMinute) {
        return new ReplayedAlert(kind + ":" + subject + ":" + raisedMinute, kind, subject, district,
            T0.plusSeconds(60L * (raisedMinute - 2)), T0.plusSeconds(60L * raisedMinute),
            closedMinute == null ? null : T0.plusSeconds(60L * closedMinute));
    }

    @Test
    void shouldMatchAFaultAlertOnlyOnTheFaultySensorAndInTime() {
        GroundTruthEvent stuck = event("r1", Kind.STUCK_VALUE, null, null, List.of("songdo-env-0003"), 60, 120);

        assertThat(SCORE.detects(alert("SENSOR_FAULT", "songdo-env-0003", "songdo-2", 64, 125), stuck)).isTrue();
        assertThat(SCORE.detects(alert("SENSOR_FAULT", "songdo-env-0004", "songdo-2", 64, 125), stuck)).isFalse();
        assertThat(SCORE.detects(alert("SENSOR_FAULT", "songdo-env-0003", "songdo-2", 140, null), stuck)).isFalse();
        assertThat(SCORE.detects(alert("SENSOR_FAULT", "songdo-env-0003", "songdo-2", 20, 50), stuck)).isFalse();
        assertThat(SCORE.detects(alert("TRAFFIC_INCIDENT", "songdo-env-0003", "songdo-2", 64, 125), stuck)).isFalse();
    }

    @Test
    void shouldMatchAnIncidentAlertByCorridorDistrictOrSensorWithinTheGrace() {
        GroundTruthEvent accident = event("r2", Kind.TRAFFIC_ACCIDENT, "songdo-3", "technopark-ro-westbound",
            List.of("songdo-trf-0110", "songdo-trf-0111"), 60, 90);

        assertThat(SCORE.detects(alert("TRAFFIC_INCIDENT", "technopark-ro-westbound", "songdo-3", 63, 100), accident)).isTrue();
        assertThat(SCORE.detects(alert("TRAFFIC_INCIDENT", "songdo-3", "songdo-3", 63, 100), accident)).isTrue();
        assertThat(SCORE.detects(alert("TRAFFIC_INCIDENT", "songdo-trf-0111", "songdo-3", 63, 100), accident)).isTrue();
        assertThat(SCORE.detects(alert("TRAFFIC_INCIDENT", "songdo-1", "songdo-1", 63, 100), accident)).isFalse();
        assertThat(SCORE.detects(alert("TRAFFIC_INCIDENT", "songdo-3", "songdo-3", 104, 110), accident)).isTrue();
        assertThat(SCORE.detects(alert("TRAFFIC_INCIDENT", "songdo-3", "songdo-3", 106, 110), accident)).isFalse();
    }

    @Test
    void shouldCountRecallPrecisionAndMedianDelayPerKind() {
        List<GroundTruthEvent> truth = List.of(
            event("a", Kind.TRAFFIC_ACCIDENT, "songdo-3", "c1", List.of("songdo-trf-0111"), 60, 90),
            event("b", Kind.TRAFFIC_ACCIDENT, "songdo-1", "c2", List.of("songdo-trf-0001"), 200, 230),
            event("c", Kind.TRAFFIC_ACCIDENT, "songdo-2", "c3", List.of("songdo-trf-0050"), 300, 330),
            event("d", Kind.DROPOUT, null, null, List.of("songdo-nrg-0001"), 400, 420),
            event("early", Kind.DRIFT, null, null, List.of("songdo-env-0001"), -100, 500),
            event("t", Kind.DUPLICATE, null, null, List.of("songdo-env-0002"), 10, 10));
        List<ReplayedAlert> alerts = List.of(
            alert("TRAFFIC_INCIDENT", "c1", "songdo-3", 63, 95),
            alert("TRAFFIC_INCIDENT", "c1", "songdo-3", 80, 95),
            alert("TRAFFIC_INCIDENT", "c2", "songdo-1", 205, 240),
            alert("TRAFFIC_INCIDENT", "c9", "songdo-4", 600, 620),
            alert("SENSOR_FAULT", "songdo-nrg-0001", "songdo-5", 404, 430),
            alert("SENSOR_FAULT", "songdo-env-0001", "songdo-2", 30, null),
            alert("SENSOR_FAULT", "songdo-env-0002", "songdo-2", 11, 20));

        DetectionScore.Result r = SCORE.score(truth, alerts, T0, T0.plusSeconds(24 * 3600));

        DetectionScore.Figures incidents = r.byAlertKind().get("TRAFFIC_INCIDENT");
        assertThat(incidents.events()).isEqualTo(3);
        assertThat(incidents.recall()).isEqualTo(2 / 3.0);
        assertThat(incidents.precision()).isEqualTo(3 / 4.0);
        assertThat(incidents.medianDelay()).isEqualTo(Duration.ofMinutes(4));
        DetectionScore.Figures faults = r.byAlertKind().get("SENSOR_FAULT");
        assertThat(faults.events()).isEqualTo(1);
        assertThat(faults.recall()).isEqualTo(1.0);
        assertThat(faults.precision()).isEqualTo(2 / 3.0);
        assertThat(r.byEventKind().get(Kind.DROPOUT).medianDelay()).isEqualTo(Duration.ofMinutes(4));
        assertThat(r.missed()).singleElement().asString().startsWith("c traffic-accident");
        assertThat(r.falseAlerts()).hasSize(2);
    }
}
