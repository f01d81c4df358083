package org.aicity.job.judge;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DistrictJudgementTest {

    private static final Instant T = Instant.parse("2026-11-21T08:00:00Z");
    private final DistrictJudgement judgement = new DistrictJudgement(JudgeSettings.defaults());

    private static AnomalyScore score(String sensor, String domain, String metric, double z, FaultKind fault) {
        return new AnomalyScore("songdo", sensor, "songdo-1", domain, metric, T, 1, 1, z, 0, fault, Double.NaN, Double.NaN, Double.NaN);
    }

    private static AnomalyScore pm(String sensor, String metric, double mean) {
        return new AnomalyScore("songdo", sensor, "songdo-1", "environment", metric, T, mean, mean, 0, 0, FaultKind.NONE, mean, mean, mean);
    }

    private static Evidence only(List<Evidence> all, AlertKind kind) {
        return all.stream().filter(e -> e.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    void shouldSeeAnIncidentWhenTwoTrafficMetricsAgreeAndAttachTheEnvironmentEvidence() {
        List<Evidence> e = judgement.judge("songdo-1", List.of(
            score("trf-1", "traffic", "occupancy", 7, FaultKind.NONE),
            score("trf-1", "traffic", "averageVehicleSpeed", -8, FaultKind.NONE),
            score("trf-1", "traffic", "intensity", 0.3, FaultKind.NONE),
            score("env-1", "environment", "no2", 3.5, FaultKind.NONE)));
        Evidence incident = only(e, AlertKind.TRAFFIC_INCIDENT);
        assertThat(incident.subjectId()).isEqualTo("songdo-1");
        assertThat(incident.score()).isEqualTo(1.0);
        assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(incident.evidence()).anyMatch(l -> l.startsWith("trf-1 occupancy +7.0σ"))
            .anyMatch(l -> l.startsWith("trf-1 averageVehicleSpeed -8.0σ"))
            .anyMatch(l -> l.startsWith("env-1 no2 +3.5σ") && l.endsWith("(environment)"));
        assertThat(e).filteredOn(x -> x.kind() == AlertKind.SENSOR_FAULT).allSatisfy(x -> assertThat(x.score()).isZero());
    }

    @Test
    void shouldNotSeeAnIncidentInOneMetricAlone() {
        List<Evidence> e = judgement.judge("songdo-1", List.of(
            score("trf-1", "traffic", "occupancy", 9, FaultKind.NONE),
            score("trf-1", "traffic", "averageVehicleSpeed", 0.2, FaultKind.NONE),
            score("trf-1", "traffic", "intensity", -0.5, FaultKind.NONE)));
        assertThat(only(e, AlertKind.TRAFFIC_INCIDENT).score()).isZero();
    }

    @Test
    void shouldCallAFaultyTrafficSensorAFaultNotAnIncident() {
        List<Evidence> e = judgement.judge("songdo-1", List.of(
            score("trf-1", "traffic", "occupancy", 9, FaultKind.STUCK),
            score("trf-1", "traffic", "averageVehicleSpeed", -9, FaultKind.STUCK),
            score("trf-1", "traffic", "intensity", -3, FaultKind.NONE)));
        assertThat(only(e, AlertKind.TRAFFIC_INCIDENT).score()).isZero();
        Evidence fault = only(e, AlertKind.SENSOR_FAULT);
        assertThat(fault.subjectId()).isEqualTo("trf-1");
        assertThat(fault.score()).isEqualTo(1.0);
        assertThat(fault.evidence()).containsExactly("trf-1 averageVehicleSpeed stuck at 1.000", "trf-1 occupancy stuck at 1.000");
    }

    @Test
    void shouldNotCallOneMetricRepeatingWhileTheSensorsOtherMetricsMoveStuck() {
        // a standstill queue: occupancy saturated and repeating, speed and count still moving
        List<Evidence> e = judgement.judge("songdo-1", List.of(
            score("trf-1", "traffic", "occupancy", 9, FaultKind.STUCK),
            score("trf-1", "traffic", "averageVehicleSpeed", -9, FaultKind.NONE),
            score("trf-1", "traffic", "intensity", -4, FaultKind.NONE)));
        Evidence fault = only(e, AlertKind.SENSOR_FAULT);
        assertThat(fault.score()).isLessThan(JudgeSettings.defaults().policy().openScore());
        assertThat(fault.evidence()).isEmpty();
    }

    private static AnomalyScore jump(String sensor, String metric, double value, double expected, double peak, FaultKind fault) {
        return new AnomalyScore("songdo", sensor, "songdo-1", "environment", metric, T, value, expected, 9, 1, fault,
            Double.NaN, expected, expected, peak);
    }

    @Test
    void shouldCallASpikeAFaultOnlyWithAWitness() {
        // several metrics: a broken message spikes at least two
        Evidence alone = only(judgement.judge("songdo-1", List.of(
            jump("env-1", "pm25", 90, 20, 20, FaultKind.SPIKE), jump("env-1", "pm10", 41, 40, 40, FaultKind.NONE))),
            AlertKind.SENSOR_FAULT);
        Evidence together = only(judgement.judge("songdo-1", List.of(
            jump("env-1", "pm25", 90, 20, 20, FaultKind.SPIKE), jump("env-1", "pm10", 170, 40, 40, FaultKind.SPIKE))),
            AlertKind.SENSOR_FAULT);
        assertThat(alone.evidence()).isEmpty();
        assertThat(together.score()).isEqualTo(1.0);
        assertThat(together.evidence()).hasSize(2);
        // one metric: PV back after a cloud or an outage jumps far but not past its own peak; a broken reading does
        Evidence pvBack = only(judgement.judge("songdo-1", List.of(
            jump("pv-1", "generatedPower", 70, 10, 90, FaultKind.SPIKE))), AlertKind.SENSOR_FAULT);
        Evidence pvBroken = only(judgement.judge("songdo-1", List.of(
            jump("pv-1", "generatedPower", 260, 10, 90, FaultKind.SPIKE))), AlertKind.SENSOR_FAULT);
        assertThat(pvBack.evidence()).isEmpty();
        assertThat(pvBroken.evidence()).containsExactly("pv-1 generatedPower spike at 260.0");
    }

    @Test
    void shouldIgnoreASpikeThatIsPartOfAnIncidentPattern() {
        List<Evidence> e = judgement.judge("songdo-1", List.of(
            score("trf-1", "traffic", "occupancy", 9, FaultKind.SPIKE),
            score("trf-1", "traffic", "averageVehicleSpeed", -9, FaultKind.SPIKE)));
        assertThat(only(e, AlertKind.SENSOR_FAULT).score()).isZero();
        assertThat(only(e, AlertKind.TRAFFIC_INCIDENT).score()).isEqualTo(1.0);
    }

    @Test
    void shouldRaiseAirQualityForTheDistrictFromTheWorstStation() {
        List<Evidence> e = judgement.judge("songdo-1", List.of(pm("env-1", "pm25", 20), pm("env-2", "pm25", 80),
            pm("env-2", "pm10", 100)));
        Evidence air = only(e, AlertKind.AIR_QUALITY);
        assertThat(air.score()).isEqualTo(1.0);
        assertThat(air.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(air.evidence()).hasSize(2);
        assertThat(only(judgement.judge("songdo-1", List.of(pm("env-1", "pm25", 20))), AlertKind.AIR_QUALITY).score()).isZero();
    }

    @Test
    void shouldSeeAnEnergyPeakPerMeter() {
        List<Evidence> e = judgement.judge("songdo-1", List.of(score("en-1", "energy", "activePower", 9, FaultKind.NONE),
            score("en-2", "energy", "activePower", 1, FaultKind.NONE)));
        assertThat(e).filteredOn(x -> x.kind() == AlertKind.ENERGY_PEAK)
            .extracting(Evidence::subjectId, Evidence::score, Evidence::severity)
            .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("en-1", 1.0, Severity.CRITICAL),
                org.assertj.core.groups.Tuple.tuple("en-2", 0.0, Severity.WARNING));
    }
}
