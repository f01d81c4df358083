package org.aicity.sim;

import org.aicity.model.CityDefinition;
import org.aicity.model.CityDefinitions;
import org.aicity.model.DecodeResult;
import org.aicity.model.Reading;
import org.aicity.model.ReadingCodec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PublishPlanTest {

    private static final CityDefinition SONGDO = CityDefinitions.builtIn("songdo");
    private static final Instant START = Instant.parse("2026-11-17T00:00:00Z");
    private static final ReadingCodec CODEC = new ReadingCodec();

    private static SimulatorConfig.Builder config() {
        return SimulatorConfig.builder().city(SONGDO).clientIdPrefix("test").seed(7);
    }

    private static List<PublishPlan.Message> all(SimulatorConfig c) {
        List<PublishPlan.Message> l = new ArrayList<>();
        new PublishPlan(c, START).forEachRemaining(l::add);
        return l;
    }

    @Test
    void shouldProduceByteIdenticalMessagesForTheSameSeedAndStart() {
        SimulatorConfig c = config().maxReadings(1_000).batchSize(3).invalidMessages(7).build();

        List<PublishPlan.Message> first = all(c);
        List<PublishPlan.Message> second = all(c);

        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).topic()).isEqualTo(first.get(i).topic());
            assertThat(second.get(i).payload()).isEqualTo(first.get(i).payload());
        }
        assertThat(all(config().seed(8).maxReadings(1_000).batchSize(3).invalidMessages(7).build()).get(0).payload())
            .isNotEqualTo(first.get(0).payload());
    }

    @Test
    void shouldPlanExactlyMaxReadingsWithMonotonicSeqAndTimePerSensor() {
        List<PublishPlan.Message> plan = all(config().maxReadings(2_000).batchSize(7).build());

        Map<String, Reading> last = new HashMap<>();
        long readings = 0;
        for (PublishPlan.Message m : plan) {
            for (Reading r : m.readings()) {
                assertThat(r.sensorId()).isEqualTo(SONGDO.sensors().get(m.sensorIndex()).id());
                Reading before = last.put(r.sensorId(), r);
                if (before != null) {
                    assertThat(r.seq()).isEqualTo(before.seq() + 1);
                    assertThat(r.ts()).isAfter(before.ts());
                }
                readings++;
            }
        }
        assertThat(readings).isEqualTo(2_000);
        assertThat(plan).allSatisfy(m -> assertThat(m.readings()).hasSizeBetween(1, 7));
    }

    @Test
    void shouldEncodeABatchAsOneArrayOfOneSensorsReadingsThatDecodesBackToThem() {
        for (PublishPlan.Message m : all(config().maxReadings(600).batchSize(4).build())) {
            DecodeResult d = CODEC.decode(m.topic(), m.payload(), START.plus(Duration.ofDays(1)));

            assertThat(d.rejections()).isEmpty();
            assertThat(d.readings()).isEqualTo(m.readings());
        }
    }

    @Test
    void shouldSpreadOneReadingPerSensorPerIntervalInEventTimeAndPaceByTheRate() {
        // 300 sensors, one reading a minute each: 5 readings/s
        List<PublishPlan.Message> plan = all(config().maxReadings(600).build());

        assertThat(plan.get(0).readings().get(0).ts()).isEqualTo(START);
        assertThat(plan.get(300).readings().get(0).ts()).isEqualTo(START.plus(Duration.ofMinutes(1)));
        assertThat(plan.get(150).readings().get(0).ts()).isEqualTo(START.plusSeconds(30));
        assertThat(plan.get(599).dueNanos()).isCloseTo(Duration.ofMillis(599 * 200).toNanos(), within(1_000L));
        for (int i = 1; i < plan.size(); i++) {
            assertThat(plan.get(i).dueNanos()).isGreaterThanOrEqualTo(plan.get(i - 1).dueNanos());
        }
    }

    @Test
    void shouldRunEventTimeFasterByTheTimeScale() {
        List<PublishPlan.Message> plan = all(config().maxReadings(601).timeScale(60).startTime(START).build());

        // a minute of event time per wall-clock second
        assertThat(plan.get(600).readings().get(0).ts()).isEqualTo(START.plus(Duration.ofMinutes(2)));
        assertThat(plan.get(600).dueNanos()).isEqualTo(Duration.ofSeconds(2).toNanos());
    }

    @Test
    void shouldStopPlanningWhenTheDurationIsUsedUp() {
        List<PublishPlan.Message> plan = all(config().ratePerSecond(1_000).duration(Duration.ofSeconds(2)).build());

        assertThat(plan).hasSize(2_001);
        assertThat(plan.get(plan.size() - 1).dueNanos()).isLessThanOrEqualTo(Duration.ofSeconds(2).toNanos());
    }

    @Test
    void shouldInterleaveEachKindOfInvalidMessageThatIngestRejectsWhole() {
        int invalid = 3 * InvalidKind.values().length;
        List<PublishPlan.Message> plan = all(config().maxReadings(1_000).batchSize(2).invalidMessages(invalid).build());

        Map<InvalidKind, Integer> kinds = new EnumMap<>(InvalidKind.class);
        int firstInvalid = -1;
        for (int i = 0; i < plan.size(); i++) {
            PublishPlan.Message m = plan.get(i);
            if (!m.isInvalid()) {
                continue;
            }
            firstInvalid = firstInvalid < 0 ? i : firstInvalid;
            kinds.merge(m.invalid(), 1, Integer::sum);
            DecodeResult d = CODEC.decode(m.topic(), m.payload(), START.plus(Duration.ofDays(1)));
            assertThat(d.readings()).as(m.invalid().name()).isEmpty();
            assertThat(d.rejections()).as(m.invalid().name()).hasSize(1);
            assertThat(m.readings()).isEmpty();
        }
        assertThat(kinds).hasSize(InvalidKind.values().length).allSatisfy((k, n) -> assertThat(n).isEqualTo(3));
        assertThat(firstInvalid).as("spread over the run, not all at its end").isLessThan(plan.size() / 10);
        assertThat(plan.stream().mapToLong(m -> m.readings().size()).sum()).isEqualTo(1_000);
    }

    @Test
    void shouldContinueAboveEarlierSeqsWhenStartedLater() {
        Reading earlier = all(config().maxReadings(1).build()).get(0).readings().get(0);
        Reading later = new PublishPlan(config().maxReadings(1).build(), START.plus(Duration.ofHours(1))).next().readings().get(0);

        assertThat(later.sensorId()).isEqualTo(earlier.sensorId());
        assertThat(later.seq()).isEqualTo(earlier.seq() + 60);
    }
}
