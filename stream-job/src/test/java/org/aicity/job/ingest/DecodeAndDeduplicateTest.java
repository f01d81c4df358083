package org.aicity.job.ingest;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.aicity.job.ingest.TestMessages.T0;
import static org.aicity.job.ingest.TestMessages.message;
import static org.aicity.job.ingest.TestMessages.text;
import static org.aicity.job.ingest.TestMessages.traffic;
import static org.assertj.core.api.Assertions.assertThat;

class DecodeAndDeduplicateTest {

    private static final Duration TTL = Duration.ofMinutes(10);
    private KeyedOneInputStreamOperatorTestHarness<String, RawMessage, ValidReading> harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, RawMessage, ValidReading> newHarness() throws Exception {
        DecodeAndDeduplicate f = new DecodeAndDeduplicate("test", Duration.ofSeconds(5), TTL, Duration.ofSeconds(1),
            Map.of("songdo", Set.of("songdo-trf-0001", "songdo-trf-0002")));
        return new KeyedOneInputStreamOperatorTestHarness<>(new IngestOperator(f), RawMessage::sensorKey, Types.STRING);
    }

    /** Closes the operator and opens a new one restored from {@code snapshot}, as after a job restart. */
    private void restartFrom(OperatorSubtaskState snapshot) throws Exception {
        harness.close();
        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
    }

    private void process(RawMessage m) throws Exception {
        harness.processElement(new StreamRecord<>(m));
    }

    private List<IngestStatus> statuses() {
        var out = harness.getSideOutput(DecodeAndDeduplicate.STATUS);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void shouldPassARedeliveredReadingOnceAndCountTheDuplicate() throws Exception {
        RawMessage m = message(traffic("songdo-trf-0001", 7, T0, 10, 30));

        process(m);
        process(m);
        process(message(traffic("songdo-trf-0002", 7, T0, 10, 30))); // same seq, other sensor: not a duplicate

        assertThat(harness.extractOutputValues()).extracting(ValidReading::sensorId)
            .containsExactly("songdo-trf-0001", "songdo-trf-0002");
        harness.setProcessingTime(1_000);
        assertThat(statuses()).singleElement().satisfies(s -> {
            assertThat(s.messagesIn()).isEqualTo(3);
            assertThat(s.readingsValid()).isEqualTo(2);
            assertThat(s.duplicates()).isEqualTo(1);
            assertThat(s.readingsInvalid()).isZero();
        });
    }

    @Test
    void shouldNotTreatARestartedSequenceWithANewTimeAsDuplicate() throws Exception {
        process(message(traffic("songdo-trf-0001", 1, T0, 10, 30)));
        process(message(traffic("songdo-trf-0001", 1, T0.plusSeconds(3600), 10, 30)));

        assertThat(harness.extractOutputValues()).hasSize(2);
    }

    @Test
    void shouldForgetReadingsOlderThanTheHorizonBehindTheSensorsNewest() throws Exception {
        RawMessage m = message(traffic("songdo-trf-0001", 7, T0, 10, 30));
        process(m);
        process(message(traffic("songdo-trf-0001", 8, T0.plus(TTL).plusSeconds(1), 10, 30)));

        process(m);

        assertThat(harness.extractOutputValues()).extracting(ValidReading::seq).containsExactly(7L, 8L, 7L);
    }

    @Test
    void shouldSendRejectionsToDeadLettersAndCountThem() throws Exception {
        process(text("city/songdo/traffic/songdo-trf-0001", "[1, 2]", T0));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.getSideOutput(DecodeAndDeduplicate.DEAD_LETTERS)).hasSize(2);
        harness.setProcessingTime(1_000);
        assertThat(statuses()).singleElement().extracting(IngestStatus::readingsInvalid).isEqualTo(2L);
    }

    @Test
    void shouldEmitStatusAtMostOncePerIntervalAndOnlyWhenChanged() throws Exception {
        process(message(traffic("songdo-trf-0001", 1, T0, 10, 30)));
        harness.setProcessingTime(500);
        process(message(traffic("songdo-trf-0001", 2, T0.plusSeconds(10), 10, 30)));
        assertThat(statuses()).isEmpty();

        harness.setProcessingTime(1_000);
        harness.setProcessingTime(5_000);

        assertThat(statuses()).singleElement().satisfies(s -> {
            assertThat(s.pipeline()).isEqualTo("test");
            assertThat(s.subtask()).isZero();
            assertThat(s.readingsValid()).isEqualTo(2);
            assertThat(s.lastEventTime()).isEqualTo(T0.plusSeconds(10));
            assertThat(s.watermark()).isEqualTo(T0.plusSeconds(5));
            assertThat(s.updatedAt()).isEqualTo(Instant.ofEpochMilli(1_000));
        });
    }

    @Test
    void shouldEmitTheLastStatusWhenAFiniteInputEnds() throws Exception {
        process(message(traffic("songdo-trf-0001", 1, T0, 10, 30)));

        harness.endInput();

        assertThat(statuses()).singleElement().extracting(IngestStatus::messagesIn).isEqualTo(1L);
    }

    @Test
    void shouldKeepSeenReadingsAndCountersAcrossARestore() throws Exception {
        RawMessage m = message(traffic("songdo-trf-0001", 7, T0, 10, 30));
        process(m);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        restartFrom(snapshot);
        process(m);
        harness.setProcessingTime(1_000);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(statuses()).singleElement().satisfies(s -> {
            assertThat(s.messagesIn()).isEqualTo(2);
            assertThat(s.readingsValid()).isEqualTo(1);
            assertThat(s.duplicates()).isEqualTo(1);
        });
    }

    @Test
    void shouldStartFromACheckpointOfThePojoWindowWithEmptyWindowsAndItsCounters() throws Exception {
        restartFrom(PojoSeqWindowCheckpoint.read()); // seq 7 to 11 seen, as "recent-readings"

        RawMessage redelivered = message(traffic("songdo-trf-0001", 7, T0, 10, 30));
        process(redelivered); // the old window is not read: passes once more (the database's key keeps one)
        process(redelivered);
        harness.setProcessingTime(1_000);

        assertThat(harness.extractOutputValues()).extracting(ValidReading::seq).containsExactly(7L);
        assertThat(statuses()).singleElement().satisfies(s -> {
            assertThat(s.messagesIn()).isEqualTo(5 + 2);
            assertThat(s.readingsValid()).isEqualTo(5 + 1);
            assertThat(s.duplicates()).isEqualTo(1);
        });

        // and the new window goes through the next checkpoint, which still carries the old state
        OperatorSubtaskState snapshot = harness.snapshot(2, 2);
        restartFrom(snapshot);
        process(redelivered);
        process(message(traffic("songdo-trf-0001", 7, T0, 11, 30)));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(deadLetters()).singleElement().satisfies(d -> assertThat(d.reasonList()).singleElement()
            .asString().contains("other metric values"));
    }

    @Test
    void shouldKeepAWindowOfHundredsOfReadingsAcrossARestore() throws Exception {
        for (int seq = 0; seq < 700; seq++) {
            process(message(traffic("songdo-trf-0001", seq, T0.plusSeconds(seq), 10, 30)));
        }
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        restartFrom(snapshot);
        process(message(traffic("songdo-trf-0001", 98, T0.plusSeconds(98), 10, 30))); // behind the ten-minute horizon
        process(message(traffic("songdo-trf-0001", 99, T0.plusSeconds(99), 10, 30))); // the oldest kept
        process(message(traffic("songdo-trf-0001", 699, T0.plusSeconds(699), 10, 30)));
        process(message(traffic("songdo-trf-0001", 400, T0.plusSeconds(400), 12, 30)));
        process(message(traffic("songdo-trf-0001", 500, T0.plusSeconds(499), 10, 30)));

        assertThat(harness.extractOutputValues()).extracting(ValidReading::seq).containsExactly(98L);
        assertThat(deadLetters()).extracting(d -> d.reasonList().get(0)).satisfiesExactly(
            r -> assertThat(r).contains("400 was already used", "other metric values"),
            r -> assertThat(r).contains("500 was already used", "later than this one's"));
    }

    private List<DeadLetter> deadLetters() {
        var out = harness.getSideOutput(DecodeAndDeduplicate.DEAD_LETTERS);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void shouldRejectTheSameSeqAndTimeWithOtherValuesAndKeepTheFirst() throws Exception {
        process(message(traffic("songdo-trf-0001", 7, T0, 10, 30)));
        RawMessage conflicting = message(traffic("songdo-trf-0001", 7, T0, 11, 30));
        process(conflicting);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(r -> assertThat(r.values()).contains(10.0));
        assertThat(deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reasonList()).containsExactly("seq: 7 was already used for a different reading (same ts "
                + T0 + ", other metric values); the first one is kept");
            assertThat(d.payload()).isEqualTo(conflicting.payload());
            assertThat(d.elementIndex()).isEqualTo(-1);
            assertThat(d.sensorId()).isEqualTo("songdo-trf-0001");
        });
        harness.setProcessingTime(1_000);
        assertThat(statuses()).singleElement().satisfies(s -> {
            assertThat(s.readingsValid()).isEqualTo(1);
            assertThat(s.readingsInvalid()).isEqualTo(1);
            assertThat(s.duplicates()).isZero();
        });
    }

    @Test
    void shouldRejectAReusedSeqWithAnEarlierTimeNamingTheBatchElement() throws Exception {
        process(message(traffic("songdo-trf-0001", 7, T0.plusSeconds(60), 10, 30)));
        process(TestMessages.batch("songdo-trf-0001", List.of(
            traffic("songdo-trf-0001", 8, T0.plusSeconds(120), 10, 30),
            traffic("songdo-trf-0001", 7, T0, 10, 30))));

        assertThat(harness.extractOutputValues()).extracting(ValidReading::seq).containsExactly(7L, 8L);
        assertThat(deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.elementIndex()).isEqualTo(1);
            assertThat(d.reasonList()).containsExactly("[1].seq: 7 was already used for a different reading (ts "
                + T0.plusSeconds(60) + ", later than this one's " + T0 + "); the first one is kept");
        });
    }

    @Test
    void shouldTreatARedeliveryWithItsMetricsInAnotherOrderAsADuplicate() throws Exception {
        process(text("city/songdo/traffic/songdo-trf-0001",
            "{\"sensorId\":\"songdo-trf-0001\",\"ts\":\"" + T0 + "\",\"seq\":3,\"metrics\":{\"intensity\":4,\"occupancy\":0.5}}", T0));
        process(text("city/songdo/traffic/songdo-trf-0001",
            "{\"seq\":3,\"metrics\":{\"occupancy\":0.5,\"intensity\":4},\"ts\":\"" + T0 + "\",\"sensorId\":\"songdo-trf-0001\"}", T0));

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(deadLetters()).isEmpty();
        harness.setProcessingTime(1_000);
        assertThat(statuses()).singleElement().extracting(IngestStatus::duplicates).isEqualTo(1L);
    }
}
