package org.aicity.job;

import org.aicity.job.aggregate.MetricAggregate;
import org.aicity.job.judge.Alert;
import org.aicity.job.judge.AlertKind;
import org.aicity.job.judge.AnomalyScore;
import org.aicity.job.predict.Forecast;
import org.aicity.job.predict.ForecastAccuracy;
import org.aicity.model.CityDefinitions;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Predict and judge on a MiniCluster, from finite 1-minute aggregates to collecting sinks, without Kryo. */
class InsightPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
        .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");

    @Test
    void shouldForecastScoreAndRaiseOneAlertForAStuckSensor() throws Exception {
        List<MetricAggregate> input = new ArrayList<>();
        SplittableRandom noise = new SplittableRandom(9);
        List<String> sensors = List.of("songdo-trf-0001", "songdo-trf-0002");
        int minutes = 180;
        for (int m = 0; m < minutes; m++) {
            Instant bucket = T0.plusSeconds(60L * m);
            for (String s : sensors) {
                boolean stuck = s.equals("songdo-trf-0002") && m >= 120 && m < 150;
                double occupancy = stuck ? 0.333 : 0.2 + 0.01 * noise.nextGaussian();
                input.add(new MetricAggregate("songdo", s, "occupancy", bucket, 1, occupancy, occupancy, occupancy,
                    occupancy, bucket));
            }
        }
        InsightSinks sinks = new InsightSinks(new CollectingSink<>("i-forecasts"), new CollectingSink<>("i-accuracy"),
            new CollectingSink<>("i-scores"), new CollectingSink<>("i-alerts"), new CollectingSink<>("i-recommendations"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        env.configure(conf);
        env.setParallelism(2);
        var aggregates = env.fromData(input, TypeInformation.of(MetricAggregate.class))
            .assignTimestampsAndWatermarks(WatermarkStrategy.<MetricAggregate>forMonotonousTimestamps()
                .withTimestampAssigner((a, previous) -> a.bucket().toEpochMilli() + 59_999));
        InsightSettings settings = new InsightSettings(List.of(CityDefinitions.builtIn("songdo")),
            org.aicity.job.judge.JudgeSettings.defaults(), 5, 0, InsightSettings.rulesOf(List.of(CityDefinitions.builtIn("songdo"))));
        CityPipeline.addInsights(aggregates, sinks, settings);

        env.execute("insight pipeline test");

        List<AnomalyScore> scores = ((CollectingSink<AnomalyScore>) sinks.anomalies()).collected();
        assertThat(scores).hasSize(minutes * sensors.size());
        List<Forecast> forecasts = ((CollectingSink<Forecast>) sinks.forecasts()).collected();
        assertThat(forecasts).filteredOn(f -> f.seriesId().equals("songdo-trf-0001")).hasSize(minutes / 5 * 3);
        assertThat(forecasts).anyMatch(f -> f.seriesId().equals("district:songdo-1:traffic") || f.seriesId().startsWith("district:"));
        List<ForecastAccuracy> accuracy = ((CollectingSink<ForecastAccuracy>) sinks.accuracy()).collected();
        assertThat(accuracy).filteredOn(a -> a.seriesId().equals("songdo-trf-0001") && a.horizonMinutes() == 15)
            .isNotEmpty().allSatisfy(a -> assertThat(a.domain()).isEqualTo("traffic"));
        List<Alert> alerts = ((CollectingSink<Alert>) sinks.alerts()).collected();
        assertThat(alerts).extracting(Alert::kind, Alert::subjectId, Alert::open)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertKind.SENSOR_FAULT, "songdo-trf-0002", true),
                org.assertj.core.groups.Tuple.tuple(AlertKind.SENSOR_FAULT, "songdo-trf-0002", false));
    }
}
