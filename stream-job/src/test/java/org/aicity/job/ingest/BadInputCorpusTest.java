package org.aicity.job.ingest;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad input through the ingest operator: a dead letter with its specific reason, and nothing else. */
class BadInputCorpusTest {

    private static final Instant NOW = Instant.parse("2026-11-21T08:16:00Z");

    static List<BadInputCorpus.Case> cases() {
        return BadInputCorpus.cases(NOW);
    }

    @Test
    void shouldHoldAtLeast25KindsOfBadInput() {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(25).extracting(BadInputCorpus.Case::kind).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldSendBadInputToTheDeadLettersWithItsReason(BadInputCorpus.Case c) throws Exception {
        DecodeAndDeduplicate f = new DecodeAndDeduplicate("corpus", Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofSeconds(1),
            Map.of("songdo", Set.of(BadInputCorpus.SENSOR, "songdo-trf-0002")));
        try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(new IngestOperator(f), RawMessage::sensorKey, Types.STRING)) {
            harness.open();
            for (byte[] first : c.before()) {
                harness.processElement(new StreamRecord<>(new RawMessage(c.topic(), first, NOW.toEpochMilli())));
            }
            int validBefore = harness.extractOutputValues().size();

            harness.processElement(new StreamRecord<>(new RawMessage(c.topic(), c.payload(), NOW.toEpochMilli())));

            List<DeadLetter> dead = harness.getSideOutput(DecodeAndDeduplicate.DEAD_LETTERS).stream().map(StreamRecord::getValue).toList();
            assertThat(dead).as("dead letters").singleElement().satisfies(d -> {
                assertThat(d.reasonList()).as("reasons").anySatisfy(r -> assertThat(c.matches(r)).as(r).isTrue());
                assertThat(d.payload()).isEqualTo(c.payload());
                assertThat(d.topic()).isEqualTo(c.topic());
            });
            assertThat(harness.extractOutputValues()).hasSize(validBefore + c.alsoValid());
        }
    }
}
