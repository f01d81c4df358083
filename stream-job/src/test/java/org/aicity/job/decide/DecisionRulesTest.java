package org.aicity.job.decide;

import org.aicity.job.judge.Alert;
import org.aicity.job.judge.AlertKind;
import org.aicity.job.judge.Severity;
import org.aicity.job.predict.Forecast;
import org.aicity.model.CityDefinitions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecisionRulesTest {

    static final Instant NOW = Instant.parse("2026-11-10T08:00:00Z");
    private static final DecisionRules RULES = new DecisionRules(withPeak(400),
        Map.of("songdo-3", List.of("technopark-ro-westbound", "art-center-daero")));

    static DecisionConfig withPeak(double kw) {
        DecisionConfig d = DecisionConfig.defaults();
        return new DecisionConfig(d.occupancyAbove(), d.congestionHorizon(), d.greenExtensionSeconds(), Map.of("default", kw),
            d.dischargeHorizon(), d.shiftHorizon(), d.pm25Above(), d.pm10Above(), d.airQualityHorizon(), d.validity());
    }

    static Forecast forecast(String district, String domain, String metric, int horizon, double value, Instant issued) {
        return new Forecast("songdo", "district:" + district + ":" + domain, metric, horizon, issued,
            issued.plusSeconds(60L * horizon), value, value * 0.9, value * 1.1, value * 0.8, value * 1.2, value, Double.NaN);
    }

    static Alert alert(AlertKind kind, String district, boolean open) {
        return new Alert("songdo", Alert.idOf("songdo", kind, district, NOW.minusSeconds(300)), kind, district, district,
            Severity.CRITICAL, open, NOW.minusSeconds(300), NOW.minusSeconds(180), open ? null : NOW, 0.9,
            "Traffic incident in " + district, new String[] {"songdo-trf-0111 occupancy +5.1σ (0.61 vs 0.12 expected)"});
    }

    private static List<Recommendation> decide(String district, List<Forecast> forecasts, List<Alert> alerts) {
        return RULES.decide(new DistrictState("songdo", district, NOW, forecasts, alerts));
    }

    @Test
    void shouldExtendGreenTimeOnTheDistrictsCorridorsForAnOpenIncidentWithItsEvidence() {
        List<Recommendation> r = decide("songdo-3", List.of(), List.of(alert(AlertKind.TRAFFIC_INCIDENT, "songdo-3", true)));

        assertThat(r).singleElement().satisfies(x -> {
            assertThat(x.action()).isEqualTo(Action.EXTEND_GREEN_TIME);
            assertThat(x.target()).isEqualTo("technopark-ro-westbound art-center-daero");
            assertThat(x.reason()).startsWith("Open traffic incident: Traffic incident in songdo-3").contains("15 s per cycle");
            assertThat(x.evidence()).contains("songdo-trf-0111 occupancy +5.1σ (0.61 vs 0.12 expected)");
            assertThat(x.validUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
            assertThat(x.recommendationId()).isEqualTo("songdo:extend_green_time:songdo-3:" + NOW.getEpochSecond());
        });
    }

    @Test
    void shouldExtendGreenTimeOnForecastCongestionOnlyAtTheThreshold() {
        assertThat(decide("songdo-1", List.of(forecast("songdo-1", "traffic", "occupancy", 30, 0.29, NOW)), List.of())).isEmpty();
        assertThat(decide("songdo-1", List.of(forecast("songdo-1", "traffic", "occupancy", 30, 0.31, NOW)), List.of()))
            .singleElement().satisfies(x -> {
                assertThat(x.target()).isEqualTo("songdo-1");
                assertThat(x.reason()).startsWith("Road occupancy forecast at 0.31 in 30 min (congestion from 0.30)");
            });
        // a forecast at another horizon, or one issued an hour ago, decides nothing
        assertThat(decide("songdo-1", List.of(forecast("songdo-1", "traffic", "occupancy", 60, 0.5, NOW),
            forecast("songdo-1", "traffic", "occupancy", 30, 0.5, NOW.minusSeconds(3600))), List.of())).isEmpty();
    }

    @Test
    void shouldDischargeStorageForAPeakSoonAndShiftLoadForOneLater() {
        List<Recommendation> soon = decide("songdo-4", List.of(forecast("songdo-4", "energy", "activePower", 30, 450, NOW),
            forecast("songdo-4", "energy", "activePower", 60, 470, NOW)), List.of());
        List<Recommendation> later = decide("songdo-4", List.of(forecast("songdo-4", "energy", "activePower", 30, 380, NOW),
            forecast("songdo-4", "energy", "activePower", 60, 420, NOW)), List.of());

        assertThat(soon).extracting(Recommendation::action).containsExactly(Action.DISCHARGE_STORAGE);
        assertThat(soon.get(0).reason()).startsWith("Mean meter load forecast at 450 kW in 30 min (peak from 400 kW)");
        assertThat(later).extracting(Recommendation::action).containsExactly(Action.SHIFT_LOAD);
    }

    @Test
    void shouldAdviseOnAirQualityFromAnAlertOrABadForecast() {
        assertThat(decide("songdo-2", List.of(forecast("songdo-2", "environment", "pm25", 60, 40, NOW)), List.of()))
            .singleElement().satisfies(x -> {
                assertThat(x.action()).isEqualTo(Action.AIR_QUALITY_ADVISORY);
                assertThat(x.reason()).startsWith("PM2.5 forecast at 40 µg/m³ in 60 min (bad from 36)");
            });
        assertThat(decide("songdo-2", List.of(forecast("songdo-2", "environment", "pm10", 60, 80, NOW)), List.of())).isEmpty();
        assertThat(decide("songdo-2", List.of(), List.of(alert(AlertKind.AIR_QUALITY, "songdo-2", true))))
            .extracting(Recommendation::action).containsExactly(Action.AIR_QUALITY_ADVISORY);
    }

    @Test
    void shouldReadARulesFileOverDefaultsAndRefuseUnknownFields() throws Exception {
        DecisionConfig c = DecisionConfig.read(new ByteArrayInputStream(
            "{\"occupancyAbove\":0.4,\"peakKw\":{\"songdo-4\":900}}".getBytes(StandardCharsets.UTF_8)));

        assertThat(c.occupancyAbove()).isEqualTo(0.4);
        assertThat(c.peakKwOf("songdo-4")).isEqualTo(900);
        assertThat(c.peakKwOf("songdo-1")).isInfinite();
        assertThat(c.pm25Above()).isEqualTo(DecisionConfig.defaults().pm25Above());
        assertThatThrownBy(() -> DecisionConfig.read(new ByteArrayInputStream("{\"occupancy\":0.4}".getBytes(StandardCharsets.UTF_8))))
            .hasMessageContaining("occupancy");
        assertThatThrownBy(() -> DecisionConfig.read(new ByteArrayInputStream(
            "{\"congestionHorizonMinutes\":45}".getBytes(StandardCharsets.UTF_8)))).hasMessageContaining("15, 30 or 60");
    }

    @Test
    void shouldTakeSongdosRulesFileAndCorridorsFromItsDefinition() {
        DecisionRules songdo = DecisionRules.forCity(CityDefinitions.builtIn("songdo"));

        assertThat(songdo.config().validity()).isEqualTo(Duration.ofMinutes(30));
        List<Recommendation> r = songdo.decide(new DistrictState("songdo", "songdo-3", NOW, List.of(),
            List.of(alert(AlertKind.TRAFFIC_INCIDENT, "songdo-3", true))));
        assertThat(r).singleElement().satisfies(x -> assertThat(x.target()).isNotEqualTo("songdo-3"));
    }
}
