package org.aicity.sim;

import org.aicity.model.CityDefinition;
import org.aicity.model.CityDefinition.SensorDefinition;
import org.aicity.model.CityDefinitions;
import org.aicity.model.DecodeResult;
import org.aicity.model.Reading;
import org.aicity.model.ReadingCodec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignalModelTest {

    private static final CityDefinition SONGDO = CityDefinitions.builtIn("songdo");
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final SignalModel MODEL = new SignalModel(42, new CityLayout(SONGDO));
    /** A Tuesday and the Saturday after it. */
    private static final String WEEKDAY = "2026-11-17";
    private static final String SATURDAY = "2026-11-21";

    @Test
    void shouldPeakInTheWeekdayMorningRushAndBeQuietAtNight() {
        double rush = mean(kind("loop-detector"), "intensity", WEEKDAY, "08:00", 60);
        double night = mean(kind("loop-detector"), "intensity", WEEKDAY, "03:00", 60);

        assertThat(rush).isGreaterThan(4 * night);
    }

    @Test
    void shouldHaveAnEveningRushAboveMiddayOnWeekdays() {
        assertThat(mean(kind("loop-detector"), "intensity", WEEKDAY, "18:00", 60))
            .isGreaterThan(1.3 * mean(kind("loop-detector"), "intensity", WEEKDAY, "13:00", 60));
    }

    @Test
    void shouldBeQuieterAtWeekendRushHours() {
        assertThat(mean(kind("loop-detector"), "intensity", SATURDAY, "08:00", 60))
            .isLessThan(0.6 * mean(kind("loop-detector"), "intensity", WEEKDAY, "08:00", 60));
    }

    @Test
    void shouldSlowTrafficDownWhenOccupancyRises() {
        double rushOccupancy = mean(kind("loop-detector"), "occupancy", WEEKDAY, "08:00", 60);
        double nightOccupancy = mean(kind("loop-detector"), "occupancy", WEEKDAY, "03:00", 60);
        double rushSpeed = mean(kind("loop-detector"), "averageVehicleSpeed", WEEKDAY, "08:00", 60);
        double nightSpeed = mean(kind("loop-detector"), "averageVehicleSpeed", WEEKDAY, "03:00", 60);

        assertThat(rushOccupancy).isGreaterThan(nightOccupancy + 0.2);
        assertThat(rushSpeed).isLessThan(0.75 * nightSpeed);
    }

    @Test
    void shouldCoupleNo2AndNoiseToTraffic() {
        assertThat(mean(kind("air-quality-station"), "no2", WEEKDAY, "08:00", 60))
            .isGreaterThan(mean(kind("air-quality-station"), "no2", WEEKDAY, "03:00", 60) + 15);
        assertThat(mean(kind("noise-meter"), "LAeq", WEEKDAY, "08:00", 60))
            .isGreaterThan(mean(kind("noise-meter"), "LAeq", WEEKDAY, "03:00", 60) + 5);
    }

    @Test
    void shouldGenerateNoPvPowerAtNightAndSomeAtNoon() {
        for (SensorDefinition pv : kind("pv-site")) {
            for (String night : List.of("00:00", "03:30", "21:00", "23:59")) {
                assertThat(MODEL.metrics(pv, at(WEEKDAY, night), 1).get("generatedPower")).as(pv.id() + " at " + night).isZero();
            }
            for (String date : List.of(WEEKDAY, "2026-06-21", "2026-01-05")) {
                assertThat(MODEL.metrics(pv, at(date, "12:30"), 1).get("generatedPower")).as(pv.id() + " at noon " + date).isPositive();
            }
        }
    }

    @Test
    void shouldProduceMorePvPowerInSummerThanInWinter() {
        assertThat(mean(kind("pv-site"), "generatedPower", "2026-06-10", "11:30", 120))
            .isGreaterThan(mean(kind("pv-site"), "generatedPower", "2026-12-10", "11:30", 120));
    }

    @Test
    void shouldDrawMoreBuildingPowerDuringOfficeHours() {
        assertThat(mean(kind("building-meter"), "activePower", WEEKDAY, "11:00", 60))
            .isGreaterThan(1.5 * mean(kind("building-meter"), "activePower", WEEKDAY, "03:00", 60));
        assertThat(mean(kind("building-meter"), "activePower", WEEKDAY, "11:00", 60))
            .isGreaterThan(mean(kind("building-meter"), "activePower", SATURDAY, "11:00", 60));
    }

    @Test
    void shouldMakeSubstationFeedersMuchLargerThanBuildings() {
        assertThat(mean(kind("substation-feeder"), "activePower", WEEKDAY, "11:00", 30))
            .isGreaterThan(5 * mean(kind("building-meter"), "activePower", WEEKDAY, "11:00", 30));
    }

    @Test
    void shouldBeWarmerInTheAfternoonAndDrierWhenWarm() {
        double afternoonT = mean(kind("air-quality-station"), "temperature", "2026-07-15", "14:30", 30);
        double dawnT = mean(kind("air-quality-station"), "temperature", "2026-07-15", "04:30", 30);
        double afternoonRh = mean(kind("air-quality-station"), "relativeHumidity", "2026-07-15", "14:30", 30);
        double dawnRh = mean(kind("air-quality-station"), "relativeHumidity", "2026-07-15", "04:30", 30);

        assertThat(afternoonT).isGreaterThan(dawnT + 4);
        assertThat(afternoonRh).isLessThan(dawnRh);
        assertThat(mean(kind("air-quality-station"), "temperature", "2026-01-15", "14:30", 30)).isLessThan(afternoonT - 15);
    }

    /**
     * Every sensor, every 11 hours (so at every hour of the day in turn) over a year: plausible values (tighter than the catalogue ranges,
     * which the model also clamps to), and readings the wire codec accepts.
     */
    @Test
    void shouldStayPlausibleAndValidAllYearRound() {
        Map<String, Predicate<Double>> plausible = Map.ofEntries(
            Map.entry("intensity", v -> v >= 0 && v <= 150 && v == Math.rint(v)),
            Map.entry("occupancy", v -> v >= 0 && v < 1),
            Map.entry("averageVehicleSpeed", v -> v >= 3 && v <= 100),
            Map.entry("pm25", v -> v >= 0 && v <= 300),
            Map.entry("pm10", v -> v >= 0 && v <= 600),
            Map.entry("no2", v -> v >= 0 && v <= 200),
            Map.entry("o3", v -> v >= 0 && v <= 300),
            Map.entry("temperature", v -> v >= -25 && v <= 50),
            Map.entry("relativeHumidity", v -> v > 0 && v <= 1),
            Map.entry("LAeq", v -> v >= 30 && v <= 90),
            Map.entry("activePower", v -> v > 0 && v <= 80_000),
            Map.entry("generatedPower", v -> v >= 0 && v <= 1_000));
        ReadingCodec codec = new ReadingCodec();
        Instant yearStart = Instant.parse("2026-01-01T00:00:00Z");
        long checked = 0;
        for (int step = 0; step < 365 * 24 / 11; step++) {
            Instant t = yearStart.plus(Duration.ofHours(11L * step)).plus(Duration.ofMinutes(step % 60));
            for (SensorDefinition s : SONGDO.sensors()) {
                Reading r = new Reading(s.id(), t, step, MODEL.metrics(s, t, step));
                for (Map.Entry<String, Double> e : r.metrics().entrySet()) {
                    assertThat(plausible.get(e.getKey()).test(e.getValue()))
                        .as("%s %s at %s = %s", s.id(), e.getKey(), t, e.getValue()).isTrue();
                }
                DecodeResult d = codec.decode(s.topic(SONGDO.id()).name(), codec.encode(r), t);
                assertThat(d.rejections()).as(s.id() + " at " + t).isEmpty();
                checked++;
            }
        }
        assertThat(checked).isEqualTo(365 * 24 / 11 * 300L);
    }

    @Test
    void shouldGiveTheSameReadingsForTheSameSeed() {
        SignalModel again = new SignalModel(42, new CityLayout(SONGDO));
        SignalModel other = new SignalModel(43, new CityLayout(SONGDO));
        Instant t = at(WEEKDAY, "08:15");
        for (SensorDefinition s : SONGDO.sensors()) {
            assertThat(again.metrics(s, t, 7)).as(s.id()).isEqualTo(MODEL.metrics(s, t, 7));
        }
        long differing = SONGDO.sensors().stream().filter(s -> !other.metrics(s, t, 7).equals(MODEL.metrics(s, t, 7))).count();
        assertThat(differing).isGreaterThan(250);
    }

    @Test
    void shouldReportEveryMetricOfTheSensorInItsDefinedOrder() {
        for (SensorDefinition s : SONGDO.sensors()) {
            assertThat(MODEL.metrics(s, at(WEEKDAY, "10:00"), 1).keySet()).containsExactlyElementsOf(s.metrics());
        }
    }

    @Test
    void shouldFollowTheSunThroughTheDayAtPvSites() {
        double early = mean(kind("pv-site"), "generatedPower", WEEKDAY, "08:00", 30);
        double midMorning = mean(kind("pv-site"), "generatedPower", WEEKDAY, "10:00", 30);
        double noon = mean(kind("pv-site"), "generatedPower", WEEKDAY, "12:15", 30);
        double afternoon = mean(kind("pv-site"), "generatedPower", WEEKDAY, "15:00", 30);

        assertThat(early).isLessThan(midMorning);
        assertThat(midMorning).isLessThan(noon);
        assertThat(afternoon).isLessThan(noon).isGreaterThan(early);
        assertThat(mean(kind("pv-site"), "generatedPower", WEEKDAY, "18:30", 30)).isZero();
    }

    @Test
    void shouldBuildTheRushHourQueueFromTheDownstreamEndOfACorridorUpstream() {
        CityDefinition.Corridor corridor = SONGDO.corridors().stream()
            .filter(c -> c.id().equals("technopark-ro-westbound")).findFirst().orElseThrow();
        List<String> ids = corridor.segments().stream().flatMap(s -> s.sensors().stream()).toList();
        SensorDefinition downstreamEnd = SONGDO.sensor(ids.get(ids.size() - 1)).orElseThrow();
        SensorDefinition fourUp = SONGDO.sensor(ids.get(ids.size() - 5)).orElseThrow();
        // the same sensors without the city's layout: same traits and noise, no queues
        SignalModel alone = new SignalModel(42, SEOUL);

        // early in the rush the queue stands at the downstream end only; at its height it reaches further up
        assertThat(queue(alone, downstreamEnd, "08:05")).isGreaterThan(0.1);
        assertThat(queue(alone, fourUp, "08:05")).isLessThan(0.03);
        assertThat(queue(alone, fourUp, "08:35")).isGreaterThan(0.15);
        assertThat(queue(alone, downstreamEnd, "03:00")).isZero();
    }

    /** Occupancy added by the corridor's queue. */
    private static double queue(SignalModel alone, SensorDefinition s, String time) {
        double sum = 0;
        for (int m = 0; m < 5; m++) {
            Instant t = at(WEEKDAY, time).plus(Duration.ofMinutes(m));
            sum += MODEL.metrics(s, t, m).get("occupancy") - alone.metrics(s, t, m).get("occupancy");
        }
        return sum / 5;
    }

    @Test
    void shouldRunTheBioClusterPlantsHeavyAndSteadyDayAndNight() {
        List<SensorDefinition> plants = kind("plant-meter");
        double night = mean(plants, "activePower", WEEKDAY, "03:00", 30);
        double day = mean(plants, "activePower", WEEKDAY, "11:00", 30);
        double sunday = mean(plants, "activePower", "2026-11-22", "11:00", 30);

        assertThat(night).isGreaterThan(5_000);
        assertThat(day / night).isBetween(0.95, 1.10);
        assertThat(sunday / day).isBetween(0.95, 1.05);
        assertThat(mean(plants, "activePower", "2026-08-05", "15:00", 30)).as("cooling on a summer afternoon")
            .isGreaterThan(1.1 * mean(plants, "activePower", "2026-01-15", "15:00", 30));
    }

    @Test
    void shouldGiveEachSensorItsOwnCalibrationAndNoise() {
        List<SensorDefinition> stations = kind("air-quality-station");
        // one instant, one city-wide weather: the spread across stations is their own personality
        Instant t = at(WEEKDAY, "14:00");
        double[] temps = stations.stream().mapToDouble(s -> MODEL.metrics(s, t, 1).get("temperature")).toArray();
        double min = java.util.Arrays.stream(temps).min().orElseThrow();
        double max = java.util.Arrays.stream(temps).max().orElseThrow();

        assertThat(max - min).isBetween(0.3, 4.0);
    }

    @Test
    void shouldModelTheSecondCityFromItsDefinitionAlone() {
        CityDefinition goyang = CityDefinitions.builtIn("goyang");
        SignalModel model = new SignalModel(42, new CityLayout(goyang));
        ReadingCodec codec = new ReadingCodec();
        Instant t = at(WEEKDAY, "08:30");

        assertThat(goyang.sensors()).hasSizeBetween(20, 99);
        for (SensorDefinition s : goyang.sensors()) {
            Reading r = new Reading(s.id(), t, 1, model.metrics(s, t, 1));
            assertThat(codec.decode(s.topic(goyang.id()).name(), codec.encode(r), t).rejections()).as(s.id()).isEmpty();
        }
    }

    @Test
    void aSensorWhoseListOfMetricsChangesGetsTheNewList() {
        SignalModel model = new SignalModel(42, new CityLayout(SONGDO));
        SensorDefinition s = kind("air-quality-station").get(0);
        Instant t = at(WEEKDAY, "12:00");
        Map<String, Double> before = model.metrics(s, t, 7);
        SensorDefinition fewer = new SensorDefinition(s.id(), s.domain(), s.kind(), s.district(), s.lat(), s.lon(),
            List.of("no2", "pm25"), s.site());

        Map<String, Double> after = model.metrics(fewer, t, 7);

        assertThat(after.keySet()).containsExactly("no2", "pm25");
        assertThat(model.metrics(s, t, 7)).isEqualTo(before).containsOnlyKeys(s.metrics());
    }

    @Test
    void aMetricWithoutAModelIsRefusedNamingItAndTheSensor() {
        SensorDefinition s = kind("air-quality-station").get(0);
        SensorDefinition odd = new SensorDefinition(s.id(), s.domain(), s.kind(), s.district(), s.lat(), s.lon(),
            List.of("pm25", "radon"), s.site());

        assertThatThrownBy(() -> new SignalModel(42, SEOUL).metrics(odd, at(WEEKDAY, "12:00"), 1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("no signal model for metric radon of sensor " + s.id());
    }

    private static List<SensorDefinition> kind(String kind) {
        List<SensorDefinition> l = SONGDO.sensors().stream().filter(s -> s.kind().equals(kind)).toList();
        assertThat(l).as("sensors of kind " + kind).isNotEmpty();
        return l;
    }

    /** The mean of a metric over the sensors, one reading a minute for {@code minutes} from a local date and time. */
    private static double mean(List<SensorDefinition> sensors, String metric, String date, String time, int minutes) {
        double sum = 0;
        int n = 0;
        for (SensorDefinition s : sensors) {
            for (int m = 0; m < minutes; m++) {
                sum += MODEL.metrics(s, at(date, time).plus(Duration.ofMinutes(m)), m).get(metric);
                n++;
            }
        }
        return sum / n;
    }

    private static Instant at(String date, String time) {
        return LocalDateTime.parse(date + "T" + time).atZone(SEOUL).toInstant();
    }
}
