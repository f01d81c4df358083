package org.aicity.sim;

import org.aicity.model.Reading;
import org.aicity.sim.truth.GroundTruthEvent;
import org.aicity.sim.truth.GroundTruthEvent.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransportFaultsTest {

    private static final Instant START = Instant.parse("2026-11-17T01:00:00Z");

    private static List<PublishPlan.Message> plan(TransportFaults faults) {
        SimulatorConfig c = SimulatorConfig.builder().startTime(START).maxReadings(9_000).transportFaults(faults)
            .publishMeta(false).build();
        List<PublishPlan.Message> l = new ArrayList<>();
        new PublishPlan(c, START).forEachRemaining(l::add);
        return l;
    }

    private static Map<Kind, List<GroundTruthEvent>> truth(List<PublishPlan.Message> plan) {
        return plan.stream().flatMap(m -> m.truth().stream()).collect(Collectors.groupingBy(GroundTruthEvent::kind));
    }

    @Test
    void shouldSendADuplicateAsTheSameBytesAndRecordIt() {
        List<PublishPlan.Message> plan = plan(new TransportFaults(0.05, 0, 0, 0, 0, null, null));
        List<PublishPlan.Message> copies = plan.stream().filter(PublishPlan.Message::copy).toList();

        assertThat(copies.size()).isBetween(300, 600);
        assertThat(truth(plan).get(Kind.DUPLICATE)).hasSameSizeAs(copies);
        Map<String, Long> payloads = plan.stream().collect(Collectors.groupingBy(m -> new String(m.payload()), Collectors.counting()));
        assertThat(copies).allSatisfy(c -> assertThat(payloads.get(new String(c.payload()))).isEqualTo(2));
        assertThat(plan.stream().filter(m -> !m.copy()).mapToLong(m -> m.readings().size()).sum()).isEqualTo(9_000);
    }

    @Test
    void shouldSendOutOfOrderMessagesAfterTheSensorsNextOne() {
        List<PublishPlan.Message> plan = plan(new TransportFaults(0, 0.05, 0, 0, 0, null, null));
        List<GroundTruthEvent> events = truth(plan).get(Kind.OUT_OF_ORDER);

        Map<String, List<Long>> seqs = new HashMap<>();
        for (PublishPlan.Message m : plan) {
            for (Reading r : m.readings()) {
                seqs.computeIfAbsent(r.sensorId(), k -> new ArrayList<>()).add(r.seq());
            }
        }
        long inversions = seqs.values().stream().mapToLong(l -> {
            long n = 0;
            for (int i = 1; i < l.size(); i++) {
                n += l.get(i) < l.get(i - 1) ? 1 : 0;
            }
            return n;
        }).sum();
        assertThat(events).hasSizeBetween(300, 600);
        // not every one shows as an inversion: the last round has no successor to overtake it, and when
        // the successor is held back too, both go later in their order
        assertThat(inversions).isBetween((long) (0.85 * events.size()), (long) events.size());
    }

    @Test
    void shouldHoldLateMessagesBackByTheirDelayAndSkewClocksBothWays() {
        List<PublishPlan.Message> plan = plan(new TransportFaults(0, 0, 0.03, 0.03, 0, Duration.ofMinutes(5), Duration.ofMinutes(2)));
        Map<Kind, List<GroundTruthEvent>> truth = truth(plan);

        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < plan.size(); i++) {
            for (Reading r : plan.get(i).readings()) {
                position.put(r.sensorId() + "/" + r.seq(), i);
            }
        }
        // 300 sensors a minute: five minutes late is about 1,500 messages later
        for (GroundTruthEvent late : truth.get(Kind.LATE)) {
            String key = late.sensors().get(0) + "/" + late.detail().get("seq");
            long due = Duration.between(START, late.start()).toSeconds() * 300 / 60;
            if (due < 9_000 - 1_600) {
                assertThat(position.get(key) - due).as(key).isBetween(1_400L, 1_600L);
            }
        }
        List<PublishPlan.Message> skewed = plan.stream().filter(m -> m.truth().stream().anyMatch(t -> t.kind() == Kind.CLOCK_SKEW)).toList();
        assertThat(skewed).hasSizeBetween(150, 400);
        Function<PublishPlan.Message, Long> skewMillis = m -> Duration.between(
            m.truth().stream().filter(t -> t.kind() == Kind.CLOCK_SKEW).findFirst().orElseThrow().start(),
            m.readings().get(0).ts()).toMillis();
        assertThat(skewed).allSatisfy(m -> assertThat(Math.abs(skewMillis.apply(m))).isBetween(1_000L, 120_000L));
        assertThat(skewed.stream().map(skewMillis).filter(ms -> ms < 0).count()).isPositive();
        assertThat(skewed.stream().map(skewMillis).filter(ms -> ms > 0).count()).isPositive();
    }

    @Test
    void shouldFollowAMalformedMessageWithItsGroundTruth() {
        List<PublishPlan.Message> plan = plan(new TransportFaults(0, 0, 0, 0, 0.02, null, null));
        List<PublishPlan.Message> invalid = plan.stream().filter(PublishPlan.Message::isInvalid).toList();

        assertThat(invalid).hasSizeBetween(100, 300);
        assertThat(invalid).allSatisfy(m -> assertThat(m.truth()).singleElement()
            .satisfies(t -> assertThat(t.kind()).isEqualTo(Kind.MALFORMED)));
        assertThat(invalid.stream().map(PublishPlan.Message::invalid).distinct().count()).isEqualTo(InvalidKind.values().length);
    }

    @Test
    void shouldLeaveEveryMessageAloneWithoutFaults() {
        assertThat(plan(TransportFaults.NONE)).allSatisfy(m -> {
            assertThat(m.truth()).isEmpty();
            assertThat(m.copy()).isFalse();
            assertThat(m.isInvalid()).isFalse();
        });
    }

    @Test
    void shouldRefuseRatesOutsideZeroToOne() {
        assertThatThrownBy(() -> new TransportFaults(1.5, 0, 0, -0.1, 0, null, null))
            .hasMessageContaining("duplicate rate must be a fraction of messages between 0 and 1, got 1.5")
            .hasMessageContaining("clockSkew rate");
    }
}
