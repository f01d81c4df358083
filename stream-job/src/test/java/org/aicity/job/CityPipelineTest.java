package org.aicity.job;

import org.aicity.job.aggregate.MetricAggregate;
import org.aicity.job.ingest.DeadLetter;
import org.aicity.job.ingest.IngestStatus;
import org.aicity.job.ingest.RawMessage;
import org.aicity.job.ingest.ValidReading;
import org.aicity.model.CityDefinitions;
import org.aicity.model.Reading;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.aicity.job.ingest.TestMessages.T0;
import static org.aicity.job.ingest.TestMessages.batch;
import static org.aicity.job.ingest.TestMessages.message;
import static org.aicity.job.ingest.TestMessages.text;
import static org.aicity.job.ingest.TestMessages.traffic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The whole pipeline on a MiniCluster, from a finite list of raw messages to collecting sinks. */
class CityPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
        .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final List<String> SENSORS = List.of("songdo-trf-0001", "songdo-trf-0002", "songdo-trf-0003");

    @Test
    void shouldStoreEachValidReadingOnceDeadLetterTheRestAndAggregatePerMinute() throws Exception {
        List<RawMessage> input = new ArrayList<>();
        List<Reading> valid = new ArrayList<>();
        // 3 sensors, one reading every 10 s for 3 minutes; every 7th message is delivered twice.
        for (int i = 0; i < 18; i++) {
            for (String sensor : SENSORS) {
                Reading r = traffic(sensor, i, T0.plusSeconds(10L * i), 10 + (i * 7 + sensor.hashCode()) % 50, 20 + i);
                valid.add(r);
                input.add(message(r));
                if (input.size() % 7 == 0) {
                    input.add(message(r));
                }
            }
        }
        int duplicates = input.size() - valid.size();
        // A gateway batch with one bad element between two good ones.
        Reading b0 = traffic("songdo-trf-0001", 100, T0.plusSeconds(175), 1, 2);
        Reading b2 = traffic("songdo-trf-0001", 102, T0.plusSeconds(176), 3, 4);
        input.add(batch("songdo-trf-0001", List.of(b0, new Reading("songdo-trf-0001", T0.plusSeconds(175), 101,
            Map.of("intensity", -1.0)), b2)));
        valid.add(b0);
        valid.add(b2);
        RawMessage malformed = text("city/songdo/traffic/songdo-trf-0002", "{\"sensorId\":", T0.plusSeconds(180));
        input.add(malformed);
        input.add(malformed); // a redelivered bad message
        input.add(message(new Reading("songdo-trf-0003", T0.plusSeconds(100), 500, Map.of("occupancy", 7.0))));
        input.add(message(traffic("songdo-trf-9999", 1, T0.plusSeconds(100), 1, 1)));
        int messages = input.size();

        PipelineSinks sinks = new PipelineSinks(new CollectingSink<>("p-readings"), new CollectingSink<>("p-aggregates"),
            new CollectingSink<>("p-dead"), new CollectingSink<>("p-status"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false); // fails the job if anything falls back to Kryo
        env.configure(conf);
        env.setParallelism(2);
        PipelineSettings settings = PipelineSettings.defaults("test-pipeline")
            .withKnownSensorsOf(List.of(CityDefinitions.builtIn("songdo")));
        CityPipeline.buildPipeline(env, env.fromData(input, TypeInformation.of(RawMessage.class)), sinks, settings);

        env.execute("city pipeline test");

        // one element per reading, with all of its metrics: each valid reading exactly once, as sent
        List<ValidReading> readings = collected(sinks.readings());
        assertThat(readings).hasSize(valid.size());
        assertThat(readings.stream().map(r -> r.sensorId() + "/" + r.seq()).distinct()).hasSize(valid.size());
        assertThat(readings).allSatisfy(r -> assertThat(r.cityId()).isEqualTo("songdo"));
        assertThat(readings.stream().map(r -> describe(r.sensorId(), r.seq(), r.ts(), metricsOf(r))))
            .containsExactlyInAnyOrderElementsOf(valid.stream().map(r -> describe(r.sensorId(), r.seq(), r.ts(), r.metrics())).toList());

        List<DeadLetter> dead = collected(sinks.deadLetters());
        assertThat(dead).hasSize(5);
        Map<Integer, List<DeadLetter>> byIndex = dead.stream().collect(Collectors.groupingBy(DeadLetter::elementIndex));
        assertThat(byIndex.get(1)).singleElement().satisfies(d ->
            assertThat(d.reasonList()).singleElement().asString().startsWith("[1].metrics.intensity:"));
        assertThat(dead).filteredOn(d -> Arrays.equals(d.payload(), malformed.payload())).hasSize(2)
            .allSatisfy(d -> assertThat(d.reasonList()).singleElement().asString().startsWith("payload: is not well-formed JSON"));
        assertThat(dead).filteredOn(d -> "songdo-trf-0003".equals(d.sensorId())).singleElement()
            .satisfies(d -> assertThat(d.reasonList()).singleElement().asString().startsWith("metrics.occupancy:"));
        assertThat(dead).filteredOn(d -> "songdo-trf-9999".equals(d.sensorId())).singleElement()
            .satisfies(d -> assertThat(d.reasonList()).containsExactly(
                "sensorId: unknown sensor 'songdo-trf-9999' in city 'songdo' (not in the city definition)"));
        assertThat(new String(dead.get(0).payload(), StandardCharsets.UTF_8)).isNotEmpty();

        // Upsert semantics: the last row per key wins, as in aggregate_1m.
        Map<String, MetricAggregate> aggregates = new LinkedHashMap<>();
        for (MetricAggregate a : this.<MetricAggregate>collected(sinks.aggregates())) {
            aggregates.put(a.sensorId() + "/" + a.metric() + "/" + a.bucket(), a);
        }
        // expected per sensor, metric and minute: every metric of every stored reading
        Map<String, List<Point>> expected = readings.stream().flatMap(Point::of).collect(Collectors.groupingBy(p ->
            p.sensorId() + "/" + p.metric() + "/" + Instant.ofEpochMilli(p.ts().toEpochMilli() / 60_000 * 60_000)));
        assertThat(aggregates.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((key, ps) -> {
            MetricAggregate a = aggregates.get(key);
            Point last = ps.stream().max(Comparator.comparing(Point::ts).thenComparing(Point::seq)).orElseThrow();
            assertThat(a.count()).as(key).isEqualTo(ps.size());
            assertThat(a.mean()).as(key).isCloseTo(ps.stream().mapToDouble(Point::value).average().orElseThrow(), within(1e-9));
            assertThat(a.min()).as(key).isEqualTo(ps.stream().mapToDouble(Point::value).min().orElseThrow());
            assertThat(a.max()).as(key).isEqualTo(ps.stream().mapToDouble(Point::value).max().orElseThrow());
            assertThat(a.last()).as(key).isEqualTo(last.value());
            assertThat(a.lastTs()).as(key).isEqualTo(last.ts());
        });

        Map<Integer, IngestStatus> lastStatus = new HashMap<>();
        for (IngestStatus s : this.<IngestStatus>collected(sinks.status())) {
            lastStatus.merge(s.subtask(), s, (a, b) -> b.updatedAt().isBefore(a.updatedAt()) || b.messagesIn() < a.messagesIn() ? a : b);
        }
        assertThat(lastStatus.values()).allSatisfy(s -> assertThat(s.pipeline()).isEqualTo("test-pipeline"));
        assertThat(lastStatus.values().stream().mapToLong(IngestStatus::messagesIn).sum()).isEqualTo(messages);
        assertThat(lastStatus.values().stream().mapToLong(IngestStatus::readingsValid).sum()).isEqualTo(valid.size());
        assertThat(lastStatus.values().stream().mapToLong(IngestStatus::readingsInvalid).sum()).isEqualTo(5);
        assertThat(lastStatus.values().stream().mapToLong(IngestStatus::duplicates).sum()).isEqualTo(duplicates);
    }

    /** One metric of a reading. */
    private record Point(String sensorId, String metric, Instant ts, long seq, double value) {
        static Stream<Point> of(ValidReading r) {
            return IntStream.range(0, r.metrics().length)
                .mapToObj(i -> new Point(r.sensorId(), r.metrics()[i], r.ts(), r.seq(), r.values()[i]));
        }
    }

    private static Map<String, Double> metricsOf(ValidReading r) {
        assertThat(r.values()).as("values parallel to the metric names of " + r).hasSameSizeAs(r.metrics());
        Map<String, Double> m = new HashMap<>();
        for (int i = 0; i < r.metrics().length; i++) {
            assertThat(m.put(r.metrics()[i], r.values()[i])).as("metric %s twice in %s", r.metrics()[i], r).isNull();
        }
        return m;
    }

    private static String describe(String sensorId, long seq, Instant ts, Map<String, Double> metrics) {
        return sensorId + "/" + seq + "@" + ts + " " + new TreeMap<>(metrics);
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> collected(org.apache.flink.api.connector.sink2.Sink<?> sink) {
        return ((CollectingSink<T>) sink).collected();
    }
}
