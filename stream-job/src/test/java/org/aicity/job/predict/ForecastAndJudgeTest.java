package org.aicity.job.predict;

import org.aicity.job.judge.AnomalyScore;
import org.aicity.job.judge.FaultKind;
import org.aicity.job.judge.JudgeSettings;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ForecastAndJudgeTest {

    private static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");

    private static KeyedOneInputStreamOperatorTestHarness<String, SeriesPoint, AnomalyScore> harness() throws Exception {
        ForecastAndJudge f = new ForecastAndJudge(ModelParameters.perMinute(), JudgeSettings.defaults(),
            Map.of("songdo", "Asia/Seoul"), 5);
        KeyedOneInputStreamOperatorTestHarness<String, SeriesPoint, AnomalyScore> h =
            new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(f), SeriesPoint::key, Types.STRING);
        h.open();
        return h;
    }

    private static SeriesPoint point(int minute, double value) {
        return new SeriesPoint("songdo", "songdo-trf-0001", "songdo-trf-0001", "songdo-1", "traffic", "occupancy",
            T0.plusSeconds(60L * minute), value);
    }

    private static void feed(KeyedOneInputStreamOperatorTestHarness<String, SeriesPoint, AnomalyScore> h, int minute,
                             double value) throws Exception {
        SeriesPoint p = point(minute, value);
        h.processElement(new StreamRecord<>(p, p.bucket().toEpochMilli() + 59_999));
        h.processWatermark(p.bucket().toEpochMilli() + 59_999);
    }

    private static List<AnomalyScore> scores(KeyedOneInputStreamOperatorTestHarness<String, SeriesPoint, AnomalyScore> h) {
        return h.extractOutputValues();
    }

    @Test
    void shouldScoreEveryPointForecastEveryFiveMinutesAndFlagAnOutlier() throws Exception {
        var h = harness();
        SplittableRandom noise = new SplittableRandom(1);
        for (int m = 0; m < 120; m++) {
            feed(h, m, 0.2 + 0.01 * noise.nextGaussian());
        }
        feed(h, 120, 0.9);
        List<AnomalyScore> out = scores(h);
        assertThat(out).hasSize(121);
        AnomalyScore last = out.get(120);
        assertThat(last.score()).isEqualTo(1.0);
        assertThat(last.fault()).isEqualTo(FaultKind.SPIKE);
        assertThat(last.z()).isGreaterThan(7);
        assertThat(out.get(119).score()).isLessThan(0.5);
        // minutes 0, 5, ..., 120: 25 issues of 3 horizons
        assertThat(h.getSideOutput(ForecastAndJudge.FORECASTS)).hasSize(25 * 3);
        // target hour 0 completes when hour 1 is first scored (the 60-min horizon has no target in hour 0);
        // hour 1 stays open: the spike at minute 120 is not scored
        assertThat(h.getSideOutput(ForecastAndJudge.ACCURACY)).extracting(r -> r.getValue().horizonMinutes())
            .containsExactlyInAnyOrder(15, 30);
        h.close();
    }

    @Test
    void shouldReportADropoutWhenTheSeriesFallsSilentButNotAtTheEndOfInput() throws Exception {
        var h = harness();
        for (int m = 0; m < 10; m++) {
            feed(h, m, 0.2 + 0.001 * m);
        }
        // the last step is minute 9; the silence counts from the end of minute 10, when minute 10 was due
        h.processWatermark(T0.plusSeconds(60L * 14).toEpochMilli() - 2);
        assertThat(scores(h)).noneMatch(s -> s.fault() == FaultKind.DROPOUT);
        h.processWatermark(T0.plusSeconds(60L * 14).toEpochMilli() - 1);
        assertThat(scores(h)).filteredOn(s -> s.fault() == FaultKind.DROPOUT).singleElement()
            .satisfies(s -> assertThat(s.bucket()).isEqualTo(T0.plusSeconds(60L * 13)));
        h.close();

        var finite = harness();
        for (int m = 0; m < 30; m++) {
            feed(finite, m, 0.2 + 0.001 * m);
        }
        finite.processWatermark(Long.MAX_VALUE);
        assertThat(scores(finite)).noneMatch(s -> s.fault() == FaultKind.DROPOUT);
        assertThat(finite.getSideOutput(ForecastAndJudge.ACCURACY)).isNotEmpty(); // open periods flushed
        finite.close();
    }

    @Test
    void shouldIgnoreALateFiringOfAStepAlreadySeen() throws Exception {
        var h = harness();
        feed(h, 0, 0.2);
        feed(h, 1, 0.21);
        SeriesPoint late = point(0, 0.5);
        h.processElement(new StreamRecord<>(late, late.bucket().toEpochMilli() + 59_999));
        assertThat(scores(h)).hasSize(2);
        h.close();
    }

    @Test
    void shouldKeepTheLearntModelAcrossARestoreFromASnapshot() throws Exception {
        var h = harness();
        for (int m = 0; m < 100; m++) {
            feed(h, m, 0.2 + 0.0001 * (m % 7));
        }
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();

        var restored = harness();
        var fresh = harness();
        restored.close();
        restored = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ForecastAndJudge(
            ModelParameters.perMinute(), JudgeSettings.defaults(), Map.of("songdo", "Asia/Seoul"), 5)), SeriesPoint::key, Types.STRING);
        restored.initializeState(snapshot);
        restored.open();
        feed(restored, 100, 0.9);
        feed(fresh, 100, 0.9);
        // the restored model knows the series and calls the jump a spike; a fresh one has nothing to compare with
        assertThat(scores(restored)).singleElement().satisfies(s -> assertThat(s.fault()).isEqualTo(FaultKind.SPIKE));
        assertThat(scores(fresh)).singleElement().satisfies(s -> assertThat(s.z()).isNaN());
        restored.close();
        fresh.close();
    }
}
