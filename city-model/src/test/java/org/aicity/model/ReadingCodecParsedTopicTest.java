package org.aicity.model;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** decode(Topic.Parsed, ...) is decode(String, ...) without parsing the topic a second time. */
class ReadingCodecParsedTopicTest {

    private static final Instant NOW = Instant.parse("2026-11-21T08:16:00Z");
    private final ReadingCodec codec = new ReadingCodec();

    @Test
    void sameResultAsTheStringTopicOverload() {
        String good = "{\"sensorId\":\"s1\",\"ts\":\"2026-11-21T08:15:00Z\",\"seq\":1,\"metrics\":{\"intensity\":1}}";
        List<String> topics = List.of("city/songdo/traffic/s1", "city/songdo/traffic/s2", "city/Songdo/water/x y",
            "city/songdo/traffic/s1/meta", "", "city/songdo/energy/s1");
        List<byte[]> payloads = List.of(good.getBytes(StandardCharsets.UTF_8), new byte[0], "[]".getBytes(StandardCharsets.UTF_8),
            ("[" + good + ",7]").getBytes(StandardCharsets.UTF_8), good.getBytes(StandardCharsets.UTF_16),
            new byte[1100 * 1024], "{\"ts\":\"nope\"}".getBytes(StandardCharsets.UTF_8));
        for (String t : topics) {
            for (byte[] p : payloads) {
                assertThat(codec.decode(Topic.parse(t), p, NOW)).as(t).isEqualTo(codec.decode(t, p, NOW));
            }
        }
        assertThat(codec.decode((String) null, payloads.get(0), NOW)).isEqualTo(codec.decode(Topic.parse(null), payloads.get(0), NOW));
    }

    @Test
    void topicViolationsAndPayloadProblemsAreReportedTogether() {
        DecodeResult r = codec.decode(Topic.parse("city/songdo/weather/s1"), new byte[0], NOW);
        assertThat(r.rejections()).singleElement().extracting(DecodeResult.Rejection::reasonTexts).asList()
            .containsExactly("topic.domain: 'weather' is not one of traffic, energy, environment", "payload: is empty");
    }
}
