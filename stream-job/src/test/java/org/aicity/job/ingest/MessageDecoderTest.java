package org.aicity.job.ingest;

import org.aicity.model.Reading;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.aicity.job.ingest.TestMessages.T0;
import static org.aicity.job.ingest.TestMessages.batch;
import static org.aicity.job.ingest.TestMessages.message;
import static org.aicity.job.ingest.TestMessages.text;
import static org.aicity.job.ingest.TestMessages.traffic;
import static org.assertj.core.api.Assertions.assertThat;

class MessageDecoderTest {

    private final MessageDecoder decoder = new MessageDecoder(TestMessages.CODEC,
        Map.of("songdo", Set.of("songdo-trf-0001", "songdo-trf-0002")));

    @Test
    void shouldPassAValidReadingWithItsMetricsInOrder() {
        Reading r = new Reading("songdo-trf-0001", T0, 42, Map.of("intensity", 12.0));

        MessageDecoder.Decoded d = decoder.decode(message(r));

        assertThat(d.deadLetters()).isEmpty();
        assertThat(d.readings()).containsExactly(
            new ValidReading("songdo", "songdo-trf-0001", T0, 42, new String[] {"intensity"}, new double[] {12.0}));
    }

    @Test
    void shouldRejectMalformedJsonWholeWithRawBytesAndDigest() throws Exception {
        RawMessage m = text("city/songdo/traffic/songdo-trf-0001", "{not json", T0);

        MessageDecoder.Decoded d = decoder.decode(m);

        assertThat(d.readings()).isEmpty();
        assertThat(d.deadLetters()).singleElement().satisfies(dl -> {
            assertThat(dl.elementIndex()).isEqualTo(-1);
            assertThat(dl.cityId()).isEqualTo("songdo");
            assertThat(dl.sensorId()).isEqualTo("songdo-trf-0001");
            assertThat(dl.payload()).isEqualTo("{not json".getBytes(StandardCharsets.UTF_8));
            assertThat(dl.payloadSha256()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(m.payload()));
            assertThat(dl.reasonList()).singleElement().asString().startsWith("payload: is not well-formed JSON");
        });
    }

    @Test
    void shouldRejectOnlyTheBadElementsOfABatchAndKeepTheirIndices() {
        Reading good0 = traffic("songdo-trf-0002", 1, T0, 10, 30);
        Reading bad1 = new Reading("songdo-trf-0002", T0, 2, Map.of("intensity", -5.0));
        Reading good2 = traffic("songdo-trf-0002", 3, T0.plusSeconds(1), 11, 31);

        MessageDecoder.Decoded d = decoder.decode(batch("songdo-trf-0002", List.of(good0, bad1, good2)));

        assertThat(d.readings()).extracting(ValidReading::seq).containsExactly(1L, 3L);
        assertThat(d.deadLetters()).singleElement().satisfies(dl -> {
            assertThat(dl.elementIndex()).isEqualTo(1);
            assertThat(dl.reasonList()).singleElement().asString().startsWith("[1].metrics.intensity:");
        });
    }

    @Test
    void shouldRejectUnknownSensorsOfAConfiguredCity() {
        RawMessage m = message(traffic("songdo-trf-9999", 1, T0, 10, 30));

        MessageDecoder.Decoded d = decoder.decode(m);

        assertThat(d.readings()).isEmpty();
        assertThat(d.deadLetters()).singleElement().satisfies(dl -> {
            assertThat(dl.elementIndex()).isEqualTo(-1);
            assertThat(dl.sensorId()).isEqualTo("songdo-trf-9999");
            assertThat(dl.reasonList()).containsExactly(
                "sensorId: unknown sensor 'songdo-trf-9999' in city 'songdo' (not in the city definition)");
        });
    }

    @Test
    void shouldNameTheBatchElementOfAnUnknownSensor() {
        RawMessage m = batch("songdo-trf-9999", List.of(traffic("songdo-trf-9999", 1, T0, 10, 30),
            traffic("songdo-trf-9999", 2, T0, 10, 30)));

        MessageDecoder.Decoded d = decoder.decode(m);

        assertThat(d.deadLetters()).extracting(DeadLetter::elementIndex).containsExactly(0, 1);
        assertThat(d.deadLetters().get(1).reasonList()).containsExactly(
            "[1].sensorId: unknown sensor 'songdo-trf-9999' in city 'songdo' (not in the city definition)");
    }

    @Test
    void shouldNotCheckSensorsOfCitiesWithoutADefinition() {
        Reading r = traffic("other-0001", 1, T0, 10, 30);
        RawMessage m = new RawMessage("city/elsewhere/traffic/other-0001", TestMessages.CODEC.encode(r), T0.toEpochMilli());

        assertThat(decoder.decode(m).readings()).hasSize(1);
    }

    @Test
    void shouldRejectATopicThatIsNotAReadingTopicWithoutACity() {
        MessageDecoder.Decoded d = decoder.decode(text("city/songdo/traffic/songdo-trf-0001/meta", "{}", T0));

        assertThat(d.deadLetters()).singleElement().satisfies(dl -> {
            assertThat(dl.cityId()).isNull();
            assertThat(dl.reasonList()).singleElement().asString().startsWith("topic:");
        });
    }
}
