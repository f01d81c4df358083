package org.aicity.model;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ReadingCodecTest {

    private static final String TOPIC = "city/songdo/traffic/songdo-trf-0001";
    private static final Instant NOW = Instant.parse("2026-11-21T08:16:00Z");
    private final ReadingCodec codec = new ReadingCodec();

    private DecodeResult decode(String json) {
        return codec.decode(TOPIC, json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private static List<String> reasons(DecodeResult r) {
        return r.rejections().stream().flatMap(x -> x.reasonTexts().stream()).toList();
    }

    @Test
    void encodedReadingDecodesToTheSameReading() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("intensity", 42.0);
        m.put("averageVehicleSpeed", 38.5);
        m.put("occupancy", 0.23);
        Reading r = new Reading("songdo-trf-0001", Instant.parse("2026-11-21T08:15:00Z"), 18231, m);

        DecodeResult out = codec.decode(TOPIC, codec.encode(r), NOW);

        assertThat(out.rejections()).isEmpty();
        assertThat(out.readings()).containsExactly(r);
    }

    @Test
    void everyDoubleAndTimestampSurvivesTheRoundTripExactly() {
        // the fast double writer and parser, and the fast timestamp text, against the exact values
        SplittableRandom random = new SplittableRandom(7);
        List<Reading> batch = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("occupancy", i % 3 == 0 ? Math.rint(random.nextDouble() * 1000) / 1000 : random.nextDouble());
            m.put("averageVehicleSpeed", i % 5 == 0 ? Double.MIN_VALUE * i : random.nextDouble(0, 150));
            m.put("intensity", i % 7 == 0 ? Math.scalb(1.0, -1000 + i % 900) : random.nextDouble(0, 400));
            Instant ts = NOW.minusNanos(random.nextLong(0, 86_400_000_000_000L));
            batch.add(new Reading("songdo-trf-0001", i % 2 == 0 ? ts : ts.truncatedTo(ChronoUnit.MICROS),
                i, m));
        }

        List<Reading> decoded = new ArrayList<>();
        for (int from = 0; from < batch.size(); from += 100) {
            DecodeResult out = codec.decode(TOPIC, codec.encodeBatch(batch.subList(from, from + 100)), NOW);
            assertThat(out.rejections()).isEmpty();
            decoded.addAll(out.readings());
        }

        assertThat(decoded).containsExactlyElementsOf(batch);
    }

    @Test
    void batchKeepsValidElementsAndRejectsOthersByIndex() {
        String json = "[{\"sensorId\":\"songdo-trf-0001\",\"ts\":\"2026-11-21T08:15:00Z\",\"seq\":1,\"metrics\":{\"intensity\":10}},"
            + "{\"sensorId\":\"songdo-trf-0001\",\"ts\":\"2026-11-21T08:15:01Z\",\"seq\":2,\"metrics\":{\"intensity\":-5}},"
            + "7,"
            + "{\"sensorId\":\"songdo-trf-0001\",\"ts\":\"2026-11-21T08:15:02Z\",\"seq\":3,\"metrics\":{\"occupancy\":0.5}}]";

        DecodeResult out = decode(json);

        assertThat(out.readings()).extracting(Reading::seq).containsExactly(1L, 3L);
        assertThat(out.rejections()).extracting(DecodeResult.Rejection::elementIndex).containsExactly(1, 2);
        assertThat(out.rejections().get(0).reasonTexts())
            .containsExactly("[1].metrics.intensity: -5.0 is outside the valid range 0..400 vehicles/min");
        assertThat(out.rejections().get(1).reasonTexts()).containsExactly("[2]: must be a reading object, got a number");
    }

    @Test
    void reportsEveryReasonNotOnlyTheFirst() {
        DecodeResult out = decode("{\"sensorId\":\"songdo-trf-0002\",\"ts\":\"yesterday\",\"seq\":\"7\","
            + "\"metrics\":{\"intensity\":\"12\",\"pm25\":3,\"colour\":1,\"occupancy\":NaN}}");

        assertThat(out.readings()).isEmpty();
        assertThat(out.rejections()).singleElement().satisfies(r -> {
            assertThat(r.elementIndex()).isEqualTo(DecodeResult.Rejection.WHOLE_MESSAGE);
            assertThat(r.sensorId()).isEqualTo("songdo-trf-0002");
        });
        assertThat(reasons(out)).containsExactlyInAnyOrder(
            "sensorId: 'songdo-trf-0002' does not match the topic's sensor 'songdo-trf-0001'",
            "ts: 'yesterday' is not an ISO-8601 timestamp with a zone, e.g. 2026-11-21T08:15:00Z",
            "seq: must be a non-negative integer, got a string",
            "metrics.intensity: must be a number, got a string",
            "metrics.pm25: is not a traffic metric",
            "metrics.colour: is not a known metric (see the metric catalogue)",
            "metrics.occupancy: must be a finite number, got NaN");
    }

    @Test
    void missingFieldsAreEachNamed() {
        assertThat(reasons(decode("{}"))).containsExactlyInAnyOrder(
            "sensorId: is required", "ts: is required", "seq: is required", "metrics: is required");
    }

    @Test
    void wholeMessageFailuresSayWhy() {
        assertThat(reasons(codec.decode(TOPIC, new byte[0], NOW))).containsExactly("payload: is empty");
        assertThat(reasons(decode("{\"sensorId\":")).get(0)).startsWith("payload: is not well-formed JSON");
        assertThat(reasons(decode("\"hello\""))).containsExactly(
            "payload: must be a JSON object (one reading) or array (a batch), got a string");
        assertThat(reasons(decode("[]"))).containsExactly("payload: batch is empty");
        assertThat(reasons(decode("{\"a\":[[[[[[[[[[1]]]]]]]]]]}")).get(0)).startsWith("payload: exceeds a parser limit");
        byte[] latin1 = "{\"sensorId\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(reasons(codec.decode(TOPIC, latin1, NOW)).get(0)).startsWith("payload: is not valid UTF-8");
        assertThat(reasons(codec.decode("city/songdo/weather/x1", "{}".getBytes(StandardCharsets.UTF_8), NOW)))
            .containsExactly("topic.domain: 'weather' is not one of traffic, energy, environment");
        assertThat(reasons(codec.decode(TOPIC, new byte[1100 * 1024], NOW)))
            .containsExactly("payload: 1126400 bytes exceeds the limit of 1048576 bytes");
    }

    @Test
    void rejectsAncientAndFarFutureTimestamps() {
        assertThat(reasons(decode("{\"sensorId\":\"songdo-trf-0001\",\"ts\":\"1970-01-01T00:00:00Z\",\"seq\":1,\"metrics\":{\"intensity\":1}}")))
            .containsExactly("ts: 1970-01-01T00:00:00Z is before the earliest accepted time 2000-01-01T00:00:00Z");
        assertThat(reasons(decode("{\"sensorId\":\"songdo-trf-0001\",\"ts\":\"2026-11-21T09:00:00Z\",\"seq\":1,\"metrics\":{\"intensity\":1}}")))
            .containsExactly("ts: 2026-11-21T09:00:00Z is more than 300 s ahead of the receive time 2026-11-21T08:16:00Z");
    }

    @Test
    void acceptsOffsetsAndEpochMillisForTimestamps() {
        DecodeResult out = decode("[{\"sensorId\":\"songdo-trf-0001\",\"ts\":\"2026-11-21T17:15:00+09:00\",\"seq\":1,\"metrics\":{\"intensity\":1}},"
            + "{\"sensorId\":\"songdo-trf-0001\",\"ts\":1763712900000,\"seq\":2,\"metrics\":{\"intensity\":1}}]");
        assertThat(out.rejections()).isEmpty();
        assertThat(out.readings()).extracting(Reading::ts).containsExactly(
            Instant.parse("2026-11-21T08:15:00Z"), Instant.ofEpochMilli(1763712900000L));
    }

    @Test
    void duplicateKeysAndOversizedBatchesAreRejected() {
        assertThat(reasons(decode("{\"sensorId\":\"songdo-trf-0001\",\"seq\":1,\"seq\":2}")).get(0))
            .startsWith("payload: is not well-formed JSON").contains("Duplicate field 'seq'");
        ReadingCodec small = new ReadingCodec(MetricCatalogue.standard(),
            new ValidationPolicy(1 << 20, 2, 8, 32, ValidationPolicy.DEFAULT.earliest(), ValidationPolicy.DEFAULT.maxFutureSkew()));
        String one = "{\"sensorId\":\"songdo-trf-0001\",\"ts\":\"2026-11-21T08:15:00Z\",\"seq\":1,\"metrics\":{\"intensity\":1}}";
        assertThat(small.decode(TOPIC, ("[" + one + "," + one + "," + one + "]").getBytes(StandardCharsets.UTF_8), NOW)
            .rejections().get(0).reasonTexts()).containsExactly("payload: batch has more than 2 readings");
    }

    @Test
    void rejectsUtf16AndUtf32EvenThoughTheParserCouldReadThem() {
        String json = "{\"sensorId\":\"songdo-trf-0001\",\"ts\":\"2026-11-21T08:15:00Z\",\"seq\":1,\"metrics\":{\"intensity\":1}}";
        for (java.nio.charset.Charset cs : List.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
            java.nio.charset.Charset.forName("UTF-32"))) {
            assertThat(reasons(codec.decode(TOPIC, json.getBytes(cs), NOW))).as(cs.name())
                .containsExactly("payload: is not valid UTF-8 (it looks like UTF-16 or UTF-32); send UTF-8 JSON");
        }
    }

    @Test
    void namesAnEpochTimestampTooLargeForALong() {
        assertThat(reasons(decode("{\"sensorId\":\"songdo-trf-0001\",\"ts\":99999999999999999999999,\"seq\":1,\"metrics\":{\"intensity\":1}}")))
            .containsExactly("ts: epoch milliseconds 99999999999999999999999 are larger than a 64-bit integer");
    }
}
