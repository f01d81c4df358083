package org.aicity.sim;

import org.aicity.model.CityDefinition;
import org.aicity.model.CityDefinition.SensorDefinition;
import org.aicity.model.CityDefinitions;
import org.aicity.model.Reading;
import org.aicity.sim.incident.PlannedIncident;
import org.aicity.sim.truth.GroundTruthEvent;
import org.aicity.sim.truth.GroundTruthEvent.Change;
import org.aicity.sim.truth.GroundTruthEvent.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** What each incident and sensor fault does to the readings, against the same run without it. */
class IncidentEffectsTest {

    private static final CityDefinition SONGDO = CityDefinitions.builtIn("songdo");
    /** Tuesday 2026-11-17, 10:00 in Seoul. */
    private static final Instant T0 = Instant.parse("2026-11-17T01:00:00Z");
    private static final Run BASELINE = run(List.of());

    private static final List<String> TECHNOPARK = SONGDO.corridors().stream()
        .filter(c -> c.id().equals("technopark-ro-westbound")).findFirst().orElseThrow()
        .segments().stream().flatMap(s -> s.sensors().stream()).toList();

    @Test
    void shouldSlowAnAccidentSiteAndGrowItsQueueUpstreamOverTime() {
        String site = TECHNOPARK.get(10);
        String twoUp = TECHNOPARK.get(8);
        String oneDown = TECHNOPARK.get(11);
        Run accident = run(List.of(planned(Kind.TRAFFIC_ACCIDENT, List.of(site), null, 10, 40)));

        assertThat(ratio(accident, site, "averageVehicleSpeed", 15, 40)).isLessThan(0.45);
        assertThat(ratio(accident, site, "intensity", 15, 40)).isLessThan(0.6);
        // the queue reaches two sensors up after two growth steps (4 minutes), not before
        assertThat(accident.readings(twoUp, 10, 13)).isEqualTo(BASELINE.readings(twoUp, 10, 13));
        assertThat(ratio(accident, twoUp, "averageVehicleSpeed", 20, 40)).isLessThan(0.7);
        assertThat(ratio(accident, twoUp, "intensity", 20, 40)).isLessThan(0.8);
        assertThat(mean(accident, twoUp, "occupancy", 20, 40)).isGreaterThan(mean(BASELINE, twoUp, "occupancy", 20, 40) + 0.15);
        assertThat(ratio(accident, oneDown, "intensity", 15, 40)).isLessThan(0.7);
        // cleared at 10:40, the queue has dissolved ten minutes later
        assertThat(accident.readings(twoUp, 51, 59)).isEqualTo(BASELINE.readings(twoUp, 51, 59));

        GroundTruthEvent truth = accident.truth(Kind.TRAFFIC_ACCIDENT);
        assertThat(truth.corridor()).isEqualTo("technopark-ro-westbound");
        assertThat(truth.start()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(truth.sensors()).contains(site, twoUp, oneDown);
        assertThat(truth.effects()).anySatisfy(e -> {
            assertThat(e.metric()).isEqualTo("averageVehicleSpeed");
            assertThat(e.change()).isEqualTo(Change.DECREASE);
            assertThat(e.sensors()).contains(twoUp);
        });
        GroundTruthEvent.Effect no2 = truth.effects().stream().filter(e -> e.metric().equals("no2")).findFirst().orElseThrow();
        for (String station : no2.sensors()) {
            assertThat(mean(accident, station, "no2", 15, 40)).as(station).isGreaterThan(mean(BASELINE, station, "no2", 15, 40));
        }
    }

    @Test
    void shouldShowTheSignatureOfEachSensorFault() {
        String stuck = "songdo-env-0003";
        String drift = "songdo-env-0004";
        String dropout = "songdo-trf-0040";
        String spikes = "songdo-nrg-0002";
        Run faults = run(List.of(planned(Kind.STUCK_VALUE, List.of(stuck), null, 10, 30),
            planned(Kind.DRIFT, List.of(drift), null, 10, 60),
            planned(Kind.DROPOUT, List.of(dropout), null, 20, 30),
            planned(Kind.SPIKES, List.of(spikes), null, 0, 60)));

        List<Reading> frozen = faults.readings(stuck, 10, 29);
        assertThat(frozen).hasSize(20).allSatisfy(r -> assertThat(r.metrics()).isEqualTo(frozen.get(0).metrics()));
        assertThat(faults.readings(stuck, 30, 40)).isEqualTo(BASELINE.readings(stuck, 30, 40));
        assertThat(faults.truth(Kind.STUCK_VALUE).effects()).anySatisfy(e -> {
            assertThat(e.change()).isEqualTo(Change.STUCK);
            assertThat(e.value()).isEqualTo(frozen.get(0).metrics().get(e.metric()));
        });

        double early = mean(faults, drift, "pm25", 12, 16) - mean(BASELINE, drift, "pm25", 12, 16);
        double late = mean(faults, drift, "pm25", 55, 59) - mean(BASELINE, drift, "pm25", 55, 59);
        assertThat(Math.abs(late)).isGreaterThan(3 * Math.abs(early)).isGreaterThan(1);

        assertThat(faults.readings(dropout, 20, 29)).isEmpty();
        assertThat(faults.readings(dropout, 0, 59)).hasSize(50);
        List<Reading> around = faults.readings(dropout, 19, 30);
        assertThat(around.get(1).seq() - around.get(0).seq()).as("a gap of ten seqs").isEqualTo(11);

        List<Reading> spiky = faults.readings(spikes, 0, 59);
        List<Reading> normal = BASELINE.readings(spikes, 0, 59);
        long spiked = 0;
        for (int i = 0; i < spiky.size(); i++) {
            double v = spiky.get(i).metrics().get("activePower");
            double truth = normal.get(i).metrics().get("activePower");
            if (v != truth) {
                assertThat(v).isGreaterThan(2.5 * truth);
                spiked++;
            }
        }
        assertThat(spiked).isBetween(2L, 25L);
    }

    @Test
    void shouldWarmADistrictInAHeatwaveAndRaiseItsPowerDraw() {
        // a summer afternoon, when the extra heat means extra cooling
        Instant summer = Instant.parse("2026-08-04T05:00:00Z");
        Run heat = run(summer, List.of(new PlannedIncident(Kind.HEATWAVE, List.of(), "songdo-3", summer,
            summer.plus(Duration.ofHours(1)), 1.0)));
        Run normal = run(summer, List.of());
        SensorDefinition inside = inDistrict("songdo-3", "air-quality-station");
        SensorDefinition outside = inDistrict("songdo-1", "air-quality-station");
        SensorDefinition building = inDistrict("songdo-3", "building-meter");

        assertThat(mean(heat, inside.id(), "temperature", 20, 40) - mean(normal, inside.id(), "temperature", 20, 40))
            .isCloseTo(IncidentTimeline.HEATWAVE_DEGREES, org.assertj.core.data.Offset.offset(0.05));
        assertThat(heat.readings(outside.id(), 0, 59)).isEqualTo(normal.readings(outside.id(), 0, 59));
        assertThat(mean(heat, building.id(), "activePower", 20, 40))
            .isGreaterThan(1.1 * mean(normal, building.id(), "activePower", 20, 40));
        assertThat(heat.truth(Kind.HEATWAVE).district()).isEqualTo("songdo-3");
    }

    @Test
    void shouldRaiseParticlesInAPollutionEpisodeAndZeroAPvSiteInAnOutage() {
        SensorDefinition station = inDistrict("songdo-5", "air-quality-station");
        SensorDefinition pv = inDistrict("songdo-2", "pv-site");
        Run run = run(List.of(planned(Kind.POLLUTION_EPISODE, List.of(), null, 0, 60),
            planned(Kind.PV_OUTAGE, List.of(pv.id()), null, 10, 50)));

        assertThat(ratio(run, station.id(), "pm25", 20, 40)).isCloseTo(IncidentTimeline.POLLUTION_FACTOR,
            org.assertj.core.data.Offset.offset(0.2));
        assertThat(run.readings(pv.id(), 10, 49)).allSatisfy(r -> assertThat(r.metrics().get("generatedPower")).isZero());
        assertThat(mean(BASELINE, pv.id(), "generatedPower", 10, 49)).isPositive();
        assertThat(run.truthEvents).extracting(GroundTruthEvent::kind).containsExactly(Kind.POLLUTION_EPISODE, Kind.PV_OUTAGE);
    }

    @Test
    void shouldDrawRandomIncidentsAtTheGivenRateAndRecordEach() {
        SimulatorConfig day = SimulatorConfig.builder().startTime(T0).endTime(T0.plus(Duration.ofDays(1)))
            .interval(Duration.ofMinutes(10)).incidentsPerHour(2).publishMeta(false).build();
        List<GroundTruthEvent> truth = new ArrayList<>();
        PublishPlan plan = new PublishPlan(day, T0);
        plan.forEachRemaining(m -> truth.addAll(m.truth()));
        truth.addAll(plan.drainTruth());

        assertThat(truth).hasSizeBetween(25, 80);
        assertThat(truth).extracting(GroundTruthEvent::id).doesNotHaveDuplicates();
        assertThat(truth).allSatisfy(e -> {
            assertThat(e.category()).isNotEqualTo(GroundTruthEvent.Category.TRANSPORT_FAULT);
            assertThat(e.end()).isAfter(e.start());
            assertThat(e.effects()).isNotEmpty();
        });
        assertThat(truth.stream().map(GroundTruthEvent::kind).distinct().count()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void shouldBeDeterministicForAGivenSeedWithIncidentsAndFaults() {
        SimulatorConfig c = SimulatorConfig.builder().startTime(T0).maxReadings(6_000).incidentsPerHour(20)
            .transportFaults(TransportFaults.all(0.02)).batchSize(3).publishMeta(false).build();

        List<PublishPlan.Message> first = messages(c);
        List<PublishPlan.Message> again = messages(c);
        List<PublishPlan.Message> other = messages(c.toBuilder().seed(7).build());

        assertThat(again).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(again.get(i).payload()).isEqualTo(first.get(i).payload());
            assertThat(again.get(i).truth()).isEqualTo(first.get(i).truth());
        }
        assertThat(first.stream().mapToLong(m -> m.truth().size()).sum()).isPositive();
        assertThat(other.stream().map(m -> new String(m.payload())).toList())
            .isNotEqualTo(first.stream().map(m -> new String(m.payload())).toList());
    }

    private static List<PublishPlan.Message> messages(SimulatorConfig c) {
        List<PublishPlan.Message> l = new ArrayList<>();
        new PublishPlan(c, c.startTime()).forEachRemaining(l::add);
        return l;
    }

    private static SensorDefinition inDistrict(String district, String kind) {
        return SONGDO.sensors().stream().filter(s -> s.district().equals(district) && s.kind().equals(kind))
            .findFirst().orElseThrow();
    }

    private static PlannedIncident planned(Kind kind, List<String> sensors, String district, int fromMinute, int toMinute) {
        return new PlannedIncident(kind, sensors, district, T0.plus(Duration.ofMinutes(fromMinute)),
            T0.plus(Duration.ofMinutes(toMinute)), 1.0);
    }

    /** An hour of the city, one reading per sensor per minute, from 10:00. */
    private static Run run(List<PlannedIncident> incidents) {
        return run(T0, incidents);
    }

    private static Run run(Instant start, List<PlannedIncident> incidents) {
        SimulatorConfig c = SimulatorConfig.builder().startTime(start).endTime(start.plus(Duration.ofHours(1)))
            .incidents(incidents).publishMeta(false).build();
        Run run = new Run();
        PublishPlan plan = new PublishPlan(c, start);
        plan.forEachRemaining(m -> {
            m.readings().forEach(r -> run.bySensor.computeIfAbsent(r.sensorId(), k -> new TreeMap<>())
                .put(Duration.between(start, r.ts()).toMinutes(), r));
            run.truthEvents.addAll(m.truth());
        });
        run.truthEvents.addAll(plan.drainTruth());
        return run;
    }

    private static double mean(Run run, String sensor, String metric, int from, int to) {
        return run.readings(sensor, from, to).stream().mapToDouble(r -> r.metrics().get(metric)).average().orElseThrow();
    }

    private static double ratio(Run run, String sensor, String metric, int from, int to) {
        return mean(run, sensor, metric, from, to) / mean(BASELINE, sensor, metric, from, to);
    }

    private static final class Run {
        final Map<String, TreeMap<Long, Reading>> bySensor = new HashMap<>();
        final List<GroundTruthEvent> truthEvents = new ArrayList<>();

        /** The sensor's readings from minute {@code from} to minute {@code to}, both included. */
        List<Reading> readings(String sensor, int from, int to) {
            return List.copyOf(bySensor.getOrDefault(sensor, new TreeMap<>()).subMap((long) from, true, (long) to, true).values());
        }

        GroundTruthEvent truth(Kind kind) {
            return truthEvents.stream().filter(e -> e.kind() == kind).findFirst().orElseThrow();
        }
    }
}
