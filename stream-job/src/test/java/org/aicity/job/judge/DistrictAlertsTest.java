package org.aicity.job.judge;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DistrictAlertsTest {

    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");

    private static AnomalyScore score(int minute, String sensor, String domain, String metric, double z, FaultKind fault) {
        return new AnomalyScore("songdo", sensor, "songdo-1", domain, metric, T0.plusSeconds(60L * minute), 0.5, 0.2, z,
            0, fault, Double.NaN, Double.NaN, Double.NaN);
    }

    private static void minute(KeyedOneInputStreamOperatorTestHarness<String, AnomalyScore, Alert> h, int m,
                               AnomalyScore... scores) throws Exception {
        for (AnomalyScore s : scores) {
            h.processElement(new StreamRecord<>(s, s.bucket().toEpochMilli() + 59_999));
        }
        h.processWatermark(T0.plusSeconds(60L * m).toEpochMilli() + 59_999);
    }

    private static AnomalyScore[] incident(int m, double occupancyZ, double speedZ, double no2Z) {
        return new AnomalyScore[] {
            score(m, "trf-1", "traffic", "occupancy", occupancyZ, FaultKind.NONE),
            score(m, "trf-1", "traffic", "averageVehicleSpeed", speedZ, FaultKind.NONE),
            score(m, "env-1", "environment", "no2", no2Z, FaultKind.NONE)};
    }

    @Test
    void shouldOpenOneCrossDomainIncidentAlertAfterTwoMinutesAndCloseItAfterRecovery() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new DistrictAlerts(JudgeSettings.defaults())),
            AnomalyScore::districtKey, Types.STRING);
        h.open();
        minute(h, 0, incident(0, 0.1, 0.2, 0.1));
        minute(h, 1, incident(1, 6, -7, 3));
        assertThat(h.extractOutputValues()).isEmpty();
        minute(h, 2, incident(2, 7, -8, 3.5));
        for (int m = 3; m < 10; m++) {
            minute(h, m, incident(m, 8, -8, 3));
        }
        List<Alert> alerts = h.extractOutputValues();
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.TRAFFIC_INCIDENT);
            assertThat(a.subjectId()).isEqualTo("songdo-1");
            assertThat(a.open()).isTrue();
            assertThat(a.since()).isEqualTo(T0.plusSeconds(60));
            assertThat(a.raisedAt()).isEqualTo(T0.plusSeconds(180));
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.evidence()).anyMatch(l -> l.startsWith("trf-1 occupancy")).anyMatch(l -> l.contains("(environment)"));
        });
        for (int m = 10; m < 15; m++) {
            minute(h, m, incident(m, 0.2, 0.1, 0));
        }
        List<Alert> all = h.extractOutputValues();
        assertThat(all).hasSize(2);
        Alert closed = all.get(1);
        assertThat(closed.alertId()).isEqualTo(all.get(0).alertId());
        assertThat(closed.open()).isFalse();
        assertThat(closed.closedAt()).isEqualTo(T0.plusSeconds(15 * 60));
        h.close();
    }

    @Test
    void shouldKeepOneOpenAlertPerSensorAndKindAndDropScoresOfJudgedMinutes() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new DistrictAlerts(JudgeSettings.defaults())),
            AnomalyScore::districtKey, Types.STRING);
        h.open();
        for (int m = 0; m < 20; m++) {
            minute(h, m, score(m, "trf-2", "traffic", "occupancy", 0, FaultKind.STUCK),
                score(m, "trf-2", "traffic", "intensity", 0, FaultKind.STUCK));
        }
        // a late score for minute 3 changes nothing
        h.processElement(new StreamRecord<>(score(3, "trf-3", "traffic", "occupancy", 0, FaultKind.IMPOSSIBLE), 0));
        h.processWatermark(T0.plusSeconds(60L * 21).toEpochMilli());
        assertThat(h.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.SENSOR_FAULT);
            assertThat(a.subjectId()).isEqualTo("trf-2");
            assertThat(a.evidence()).contains("trf-2 intensity stuck at 0.5000", "trf-2 occupancy stuck at 0.5000");
        });
        h.close();
    }
}
