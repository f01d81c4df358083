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
    void shouldForgetSeenReadingsAfterTheTtl() throws Exception {
        RawMessage m = message(traffic("songdo-trf-0001", 7, T0, 10, 30));
        process(m);

        harness.setStateTtlProcessingTime(TTL.toMillis() + 1);
        process(m);

        assertThat(harness.extractOutputValues()).hasSize(2);
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
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        process(m);
        harness.setProcessingTime(1_000);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(statuses()).singleElement().satisfies(s -> {
            assertThat(s.messagesIn()).isEqualTo(2);
            assertThat(s.readingsValid()).isEqualTo(1);
            assertThat(s.duplicates()).isEqualTo(1);
        });
    }
}
