package org.aicity.job.predict;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SeriesModelTest {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final Instant MONDAY = ZonedDateTime.of(2026, 11, 2, 0, 0, 0, 0, SEOUL).toInstant();

    /** Traffic-like: a weekday double rush hour, quieter weekends, Poisson-like noise, a day-level factor. */
    private static double traffic(Instant t, SplittableRandom noise, double dayFactor) {
        ZonedDateTime local = t.atZone(SEOUL);
        double h = local.getHour() + local.getMinute() / 60.0;
        boolean weekend = local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY;
        double demand = weekend
            ? 0.05 + 0.4 * bump(h, 15, 5)
            : 0.05 + 0.45 * bump(h, 14, 8) + 0.5 * bump(h, 8.5, 1.2) + 0.5 * bump(h, 18.5, 1.2);
        double mean = 60 * demand * dayFactor;
        return Math.max(0, mean + Math.sqrt(mean) * noise.nextGaussian());
    }

    private static double bump(double h, double centre, double half) {
        double x = (h - centre) / half;
        return Math.abs(x) >= 1 ? 0 : Math.pow(Math.cos(Math.PI * x / 2), 2);
    }

    @Test
    void shouldBeatPersistenceAndSeasonalNaiveAtEveryHorizonAfterTwoWeeksAndCoverItsIntervals() {
        SeriesModel model = new SeriesModel(ModelParameters.perMinute(), SEOUL);
        SplittableRandom noise = new SplittableRandom(7);
        Map<Horizon, Accuracy> week3 = new EnumMap<>(Horizon.class);
        Instant scoreFrom = MONDAY.plus(Duration.ofDays(14));
        double dayFactor = 1;
        for (int minute = 0; minute < 21 * 24 * 60; minute++) {
            Instant t = MONDAY.plusSeconds(60L * minute);
            if (minute % 1440 == 0) {
                dayFactor = 1 + 0.1 * noise.nextGaussian();
            }
            double y = traffic(t, noise, dayFactor);
            SeriesModel.Expectation e = model.expect(t);
            SeriesModel.Scored scored = model.score(t, y);
            if (!t.isBefore(scoreFrom)) {
                for (ForecastOutcome o : scored.outcomes()) {
                    week3.merge(o.horizon(), Accuracy.empty(o.horizon(), scoreFrom).plus(o), Accuracy::plus);
                }
            }
            if (model.admit(false)) {
                model.learn(t, y, e);
            }
            model.record(t, y);
            model.forecast();
        }
        for (Horizon h : Horizon.values()) {
            Accuracy a = week3.get(h);
            assertThat(a.count()).as(h.name()).isGreaterThan(10_000);
            assertThat(a.mae()).as(h + " vs persistence").isLessThan(0.9 * a.persistenceMae());
            assertThat(a.maeOnSeasonal()).as(h + " vs seasonal naive").isLessThan(0.9 * a.seasonalNaiveMae());
            assertThat(a.coverage80()).as(h + " 80% coverage").isCloseTo(0.80, within(0.06));
            assertThat(a.coverage95()).as(h + " 95% coverage").isCloseTo(0.95, within(0.04));
        }
    }

    @Test
    void shouldForecastTheSeasonalShapeNotTheLastValue() {
        SeriesModel model = new SeriesModel(ModelParameters.perMinute(), SEOUL);
        // two noiseless weekdays of a ramp 0 → 100 between 07:00 and 09:00 local time
        for (int minute = 0; minute < 2 * 1440 + 7 * 60; minute++) {
            Instant t = MONDAY.plusSeconds(60L * minute);
            ZonedDateTime local = t.atZone(SEOUL);
            double h = local.getHour() + local.getMinute() / 60.0;
            double y = h < 7 ? 0 : h > 9 ? 100 : 50 * (h - 7);
            SeriesModel.Expectation e = model.expect(t);
            model.score(t, y);
            model.learn(t, y, e);
            model.record(t, y);
        }
        List<PointForecast> forecasts = model.forecast(); // issued at 06:59 on Wednesday
        PointForecast in60 = forecasts.stream().filter(f -> f.horizon() == Horizon.MIN_60).findFirst().orElseThrow();
        assertThat(in60.target().atZone(SEOUL).getHour()).isEqualTo(7);
        assertThat(in60.persistence()).isZero();
        assertThat(in60.value()).isCloseTo(50, within(6.0));
        assertThat(in60.seasonalNaive()).isCloseTo(50, within(1.0));
        assertThat(in60.lower95()).isLessThanOrEqualTo(in60.lower80());
        assertThat(in60.upper95()).isGreaterThanOrEqualTo(in60.upper80());
    }

    @Test
    void shouldNotLearnFromPointsJudgedAnomalousUntilTheyLastLongEnoughToBeTheNewNormal() {
        SeriesModel model = new SeriesModel(ModelParameters.perMinute(), SEOUL);
        SplittableRandom noise = new SplittableRandom(3);
        int minute = 0;
        for (; minute < 120; minute++) {
            feed(model, minute, 10 + noise.nextGaussian(), false);
        }
        double before = model.expect(at(minute)).value();
        for (int i = 0; i < 30; i++, minute++) {
            feed(model, minute, 500, true);
        }
        assertThat(model.expect(at(minute)).value()).isCloseTo(before, within(0.01));
        for (int i = 0; i < SeriesModel.MAX_IGNORED_MINUTES; i++, minute++) {
            feed(model, minute, 500, true);
        }
        assertThat(model.expect(at(minute)).value()).isGreaterThan(400);
    }

    @Test
    void shouldExpectAWarmStandardisedResidualOnlyAfterTheWarmUp() {
        SeriesModel model = new SeriesModel(ModelParameters.perMinute(), SEOUL);
        SplittableRandom noise = new SplittableRandom(5);
        for (int minute = 0; minute < 10; minute++) {
            feed(model, minute, 50 + noise.nextGaussian(), false);
        }
        assertThat(model.expect(at(10)).warm()).isFalse();
        assertThat(model.expect(at(10)).z(60)).isNaN();
        for (int minute = 10; minute < 200; minute++) {
            feed(model, minute, 50 + noise.nextGaussian(), false);
        }
        SeriesModel.Expectation e = model.expect(at(200));
        assertThat(e.warm()).isTrue();
        assertThat(e.sigma()).isCloseTo(1.0, within(0.3));
        assertThat(e.z(60)).isGreaterThan(6);
    }

    @Test
    void shouldSurviveASerialisationRoundTripExactly() throws IOException {
        SeriesModel model = new SeriesModel(ModelParameters.perMinute(), SEOUL);
        SplittableRandom noise = new SplittableRandom(11);
        for (int minute = 0; minute < 3000; minute++) {
            feed(model, minute, traffic(at(minute), noise, 1), false);
        }
        SeriesModel copy = roundTrip(model);
        assertThat(bytes(copy)).isEqualTo(bytes(model));
        assertThat(copy.forecast()).isEqualTo(model.forecast());
        assertThat(bytes(model).length).isLessThan(20_000);
    }

    @Test
    void shouldWriteArraysInOneCallWithTheSameBytesAsElementByElementWrites() throws IOException {
        // states written before the bulk writes (element by element) must read back the same
        float[] floats = {0f, -1.5f, Float.NaN, Float.MAX_VALUE, Float.MIN_VALUE, 1234.5678f};
        short[] shorts = {0, 1, -1, Short.MAX_VALUE, Short.MIN_VALUE};
        long[] longs = {0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 29_000_000L};
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        DataOutputStream bulk = new DataOutputStream(one);
        SeriesModel.writeFloats(bulk, floats);
        SeriesModel.writeShorts(bulk, shorts);
        SeriesModel.writeLongs(bulk, longs);
        ByteArrayOutputStream each = new ByteArrayOutputStream();
        DataOutputStream single = new DataOutputStream(each);
        for (float f : floats) {
            single.writeFloat(f);
        }
        for (short v : shorts) {
            single.writeShort(v);
        }
        for (long v : longs) {
            single.writeLong(v);
        }
        assertThat(one.toByteArray()).isEqualTo(each.toByteArray());
    }

    @Test
    void shouldCloseAnAccuracyPeriodWhenTheTargetHourChanges() {
        SeriesModel model = new SeriesModel(ModelParameters.perMinute(), SEOUL);
        int completed = 0;
        long scored = 0;
        for (int minute = 0; minute < 240; minute++) {
            Instant t = at(minute);
            SeriesModel.Expectation e = model.expect(t);
            SeriesModel.Scored s = model.score(t, 5);
            completed += s.completedPeriods().size();
            scored += s.completedPeriods().stream().mapToLong(Accuracy::count).sum();
            model.learn(t, 5, e);
            model.record(t, 5);
            model.forecast();
        }
        // targets from minute 15 (15-min), 30, 60 on; hours 0..3 of targets: hours 0, 1, 2 complete for each horizon
        assertThat(completed).isEqualTo(3 + 3 + 2);
        assertThat(scored).isEqualTo((60 - 15) + 60 + 60 + (60 - 30) + 60 + 60 + 60 + 60);
        assertThat(model.openPeriods()).hasSize(3).allSatisfy(a -> assertThat(a.mae()).isZero());
    }

    private static Instant at(int minute) {
        return MONDAY.plusSeconds(60L * minute);
    }

    private static void feed(SeriesModel model, int minute, double y, boolean anomalous) {
        SeriesModelSteps.step(model, at(minute), y, anomalous);
    }

    private static byte[] bytes(SeriesModel m) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        m.writeTo(new DataOutputStream(b));
        return b.toByteArray();
    }

    private static SeriesModel roundTrip(SeriesModel m) throws IOException {
        return SeriesModel.readFrom(new DataInputStream(new ByteArrayInputStream(bytes(m))), m.params(), m.zone());
    }
}
