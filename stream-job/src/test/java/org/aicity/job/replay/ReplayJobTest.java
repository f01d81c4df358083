package org.aicity.job.replay;

import org.aicity.job.CollectingSink;
import org.aicity.job.InsightSettings;
import org.aicity.job.InsightSinks;
import org.aicity.job.ingest.Measurement;
import org.aicity.job.judge.Alert;
import org.aicity.job.judge.AlertKind;
import org.aicity.job.judge.JudgeSettings;
import org.aicity.model.CityDefinitions;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay graph on a MiniCluster: rows at 5-second cadence, one of them out of order, one far too late. */
class ReplayJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
        .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    private static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");

    @Test
    void shouldScoreEveryInputRowAndRaiseOneFaultAlertForAStuckSensor() throws Exception {
        List<ReplayRow> rows = new ArrayList<>();
        SplittableRandom noise = new SplittableRandom(3);
        long line = 1;
        int minutes = 150;
        for (int s = 0; s < minutes * 12; s++) {
            Instant ts = T0.plusSeconds(5L * s);
            for (String sensor : List.of("songdo-trf-0001", "songdo-trf-0002")) {
                boolean stuck = sensor.endsWith("2") && s >= 100 * 12 && s < 130 * 12;
                double occupancy = stuck ? 0.333 : 0.2 + 0.01 * noise.nextGaussian();
                rows.add(new ReplayRow(++line, new Measurement("songdo", sensor, "occupancy", ts, s, occupancy)));
            }
        }
        ReplayRow outOfOrder = rows.remove(1000);
        rows.add(1010, outOfOrder);
        ReplayRow tooLate = rows.remove(500);
        rows.add(tooLate); // event time of minute 20, after the end: its window has long closed

        CollectingSink<RowScore> rowScores = new CollectingSink<>("replay-row-scores");
        CollectingSink<Alert> alerts = new CollectingSink<>("replay-alerts");
        InsightSinks sinks = new InsightSinks(new CollectingSink<>("replay-forecasts"), new CollectingSink<>("replay-accuracy"),
            new CollectingSink<>("replay-scores"), alerts, new CollectingSink<>("replay-recommendations"));
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        ReplayJob.Settings settings = new ReplayJob.Settings(new InsightSettings(List.of(CityDefinitions.builtIn("songdo")),
            JudgeSettings.defaults(), 5, 1, Map.of()), Duration.ofSeconds(5), Duration.ofMinutes(5));
        ReplayJob.build(env.fromData(rows, TypeInformation.of(ReplayRow.class)), sinks, rowScores, settings);

        env.execute("replay test");

        List<RowScore> scores = rowScores.collected();
        assertThat(scores).hasSize(rows.size());
        assertThat(scores).extracting(RowScore::row).doesNotHaveDuplicates();
        assertThat(scores).filteredOn(r -> r.row() == tooLate.row()).singleElement()
            .satisfies(r -> assertThat(r.fault()).isEqualTo(ScorePerRow.UNSCORED));
        assertThat(scores).filteredOn(r -> r.row() == outOfOrder.row()).singleElement()
            .satisfies(r -> assertThat(r.fault()).isNotEqualTo(ScorePerRow.UNSCORED));
        assertThat(scores).filteredOn(r -> r.sensorId().endsWith("2") && r.ts().equals(T0.plusSeconds(60 * 110)))
            .singleElement().satisfies(r -> assertThat(r.fault()).isEqualTo("STUCK"));
        assertThat(scores).filteredOn(r -> r.sensorId().endsWith("1") && r.ts().isAfter(T0.plusSeconds(3600)))
            .allSatisfy(r -> assertThat(r.score()).isLessThan(0.5));
        assertThat(alerts.collected().stream().sorted(Comparator.comparing(Alert::open).reversed()).toList())
            .extracting(Alert::kind, Alert::subjectId, Alert::open)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertKind.SENSOR_FAULT, "songdo-trf-0002", true),
                org.assertj.core.groups.Tuple.tuple(AlertKind.SENSOR_FAULT, "songdo-trf-0002", false));
    }
}
