package org.aicity.job;

import org.aicity.job.aggregate.MetricAggregate;
import org.aicity.job.ingest.ValidReading;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.aicity.job.ingest.RawMessage;
import org.aicity.model.CityDefinitions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 1-minute windows of the live job: one window per sensor over whole readings, run chained to
 * decoding, with Flink's allowed lateness (a late reading fires its window again with new totals;
 * one past the lateness changes nothing), and their state surviving a snapshot and restore.
 */
class SensorWindowsTest {

    private static final Instant T0 = Instant.parse("2026-11-22T06:00:00Z");
    private static final Duration LATENESS = Duration.ofMinutes(5);

    private KeyedOneInputStreamOperatorTestHarness<String, ValidReading, MetricAggregate> harness;

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aggregatesEveryMetricOfASensorAndFiresAgainForALateReadingWithinTheLateness() throws Exception {
        harness = newHarness();
        harness.open();
        add(reading("songdo-trf-0001", 10, 1, new String[] {"averageVehicleSpeed", "intensity"}, 10, 1));
        add(reading("songdo-trf-0001", 20, 2, new String[] {"averageVehicleSpeed", "intensity"}, 20, 3));
        add(reading("songdo-trf-0002", 15, 1, new String[] {"averageVehicleSpeed"}, 50));

        harness.processWatermark(new Watermark(T0.plusSeconds(60).toEpochMilli()));

        List<MetricAggregate> onTime = drain();
        assertThat(onTime).extracting(a -> a.sensorId() + "/" + a.metric() + " n=" + a.count() + " mean=" + a.mean())
            .containsExactlyInAnyOrder("songdo-trf-0001/averageVehicleSpeed n=2 mean=15.0",
                "songdo-trf-0001/intensity n=2 mean=2.0", "songdo-trf-0002/averageVehicleSpeed n=1 mean=50.0");
        assertThat(onTime).allSatisfy(a -> {
            assertThat(a.cityId()).isEqualTo("songdo");
            assertThat(a.bucket()).isEqualTo(T0);
        });

        // late, within the lateness, carrying only one of the sensor's metrics: the window fires
        // again with its new totals for every metric it holds
        add(reading("songdo-trf-0001", 30, 3, new String[] {"averageVehicleSpeed"}, 60));
        List<MetricAggregate> late = drain();
        assertThat(late).extracting(a -> a.metric() + " n=" + a.count() + " max=" + a.max() + " last=" + a.last())
            .containsExactlyInAnyOrder("averageVehicleSpeed n=3 max=60.0 last=60.0", "intensity n=2 max=3.0 last=3.0");
        assertThat(late).filteredOn(a -> a.metric().equals("averageVehicleSpeed")).singleElement()
            .satisfies(a -> assertThat(a.lastTs()).isEqualTo(T0.plusSeconds(30)));

        // past the lateness the window is gone: a reading for it changes nothing
        harness.processWatermark(new Watermark(T0.plusSeconds(60).plus(LATENESS).toEpochMilli()));
        add(reading("songdo-trf-0001", 40, 4, new String[] {"averageVehicleSpeed"}, 1_000));
        assertThat(drain()).isEmpty();
    }

    @Test
    void anOpenWindowSurvivesASnapshotAndRestoreAndTheSnapshotIsNotChangedByLaterReadings() throws Exception {
        harness = newHarness();
        harness.open();
        add(reading("songdo-trf-0001", 10, 1, new String[] {"averageVehicleSpeed", "intensity"}, 10, 1));
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        // changes the window in place after the snapshot was taken
        add(reading("songdo-trf-0001", 20, 2, new String[] {"averageVehicleSpeed", "intensity"}, 1_000, 1_000));
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        add(reading("songdo-trf-0001", 30, 3, new String[] {"averageVehicleSpeed", "occupancy"}, 20, 0.5));
        harness.processWatermark(new Watermark(T0.plusSeconds(60).toEpochMilli()));

        assertThat(drain()).extracting(a -> a.metric() + " n=" + a.count() + " mean=" + a.mean())
            .containsExactlyInAnyOrder("averageVehicleSpeed n=2 mean=15.0", "intensity n=1 mean=1.0", "occupancy n=1 mean=0.5");
    }

    @Test
    void theWindowsAreChainedToDecodingWithNoShuffleBetween() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        PipelineSinks sinks = new PipelineSinks(new CollectingSink<>("w-readings"), new CollectingSink<>("w-aggregates"),
            new CollectingSink<>("w-dead"), new CollectingSink<>("w-status"));
        CityPipeline.buildPipeline(env, env.fromData(List.of(new RawMessage("city/songdo/traffic/x", new byte[0], 0)),
                TypeInformation.of(RawMessage.class)), sinks,
            PipelineSettings.defaults("chain-test").withKnownSensorsOf(List.of(CityDefinitions.builtIn("songdo"))));

        JobGraph graph = env.getStreamGraph().getJobGraph();

        List<String> vertices = StreamSupport.stream(graph.getVertices().spliterator(), false).map(JobVertex::getName).toList();
        assertThat(vertices).filteredOn(n -> n.contains("Decode, validate and deduplicate")).singleElement().asString()
            .contains("1-minute statistics", "Event-time watermarks");
        assertThat(vertices).noneMatch(n -> n.startsWith("1-minute statistics"));
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ValidReading, MetricAggregate> newHarness() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<ValidReading> input = env.fromData(List.of(reading("x", 0, 0, new String[0])), TypeInformation.of(ValidReading.class))
            .assignTimestampsAndWatermarks(WatermarkStrategy.noWatermarks());
        DataStream<MetricAggregate> out = CityPipeline.aggregatePerMinute(input.keyBy(ValidReading::sensorKey, Types.STRING),
            new org.aicity.job.aggregate.SensorMinuteAggregate.Readings(), LATENESS);
        Transformation<MetricAggregate> t = out.getTransformation();
        @SuppressWarnings("unchecked")
        OneInputStreamOperator<ValidReading, MetricAggregate> op =
            (OneInputStreamOperator<ValidReading, MetricAggregate>) ((OneInputTransformation<ValidReading, MetricAggregate>) t).getOperator();
        return new KeyedOneInputStreamOperatorTestHarness<>(op, ValidReading::sensorKey, Types.STRING);
    }

    private void add(ValidReading r) throws Exception {
        harness.processElement(new StreamRecord<>(r, r.ts().toEpochMilli()));
    }

    private List<MetricAggregate> drain() {
        List<MetricAggregate> out = new ArrayList<>(harness.extractOutputValues());
        harness.getOutput().clear();
        return out;
    }

    private static ValidReading reading(String sensor, int second, long seq, String[] metrics, double... values) {
        return new ValidReading("songdo", sensor, T0.plusSeconds(second), seq, metrics, values);
    }
}
