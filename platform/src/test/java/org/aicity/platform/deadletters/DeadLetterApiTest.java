package org.aicity.platform.deadletters;

import org.aicity.platform.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterApiTest extends ApiTestSupport {

    private void deadLetter(Instant receivedAt, String city, byte[] payload, String... reasons) throws Exception {
        jdbc.sql("""
                INSERT INTO dead_letter (payload_sha256, element_index, received_at, topic, city_id, sensor_id, payload, reasons)
                VALUES (:sha, -1, :at, :topic, :city, 'songdo-env-0001', :payload, :reasons)""")
            .param("sha", MessageDigest.getInstance("SHA-256").digest(payload))
            .param("at", Timestamp.from(receivedAt))
            .param("topic", "city/" + city + "/environment/songdo-env-0001")
            .param("city", city)
            .param("payload", payload)
            .param("reasons", reasons)
            .update();
    }

    @Test
    void showsTextPayloadsAsTextAndBinaryAsBase64NewestFirst() throws Exception {
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0x00, 0x41};
        deadLetter(NOW.minus(Duration.ofMinutes(5)), "songdo", "{\"sensorId\":\"songdo-env-0001\",\"ts\":\"x\"}".getBytes(StandardCharsets.UTF_8),
            "ts: 'x' is not an ISO-8601 instant");
        deadLetter(NOW.minus(Duration.ofMinutes(1)), "songdo", binary, "payload: not JSON", "payload: not UTF-8");
        deadLetter(NOW.minus(Duration.ofDays(3)), "songdo", "old".getBytes(StandardCharsets.UTF_8), "old");
        deadLetter(NOW.minus(Duration.ofMinutes(1)), "other", "x".getBytes(StandardCharsets.UTF_8), "other city");

        assertThat(mvc.get().uri("/api/v1/cities/songdo/dead-letters"))
            .hasStatusOk()
            .bodyJson()
            .isLenientlyEqualTo("""
                {"cityId":"songdo","from":"2026-11-20T09:00:00Z","to":"2026-11-21T09:00:00Z","limit":100,"total":2,
                 "deadLetters":[
                   {"receivedAt":"2026-11-21T08:59:00Z","topic":"city/songdo/environment/songdo-env-0001",
                    "sensorId":"songdo-env-0001","elementIndex":-1,
                    "reasons":["payload: not JSON","payload: not UTF-8"],
                    "payloadEncoding":"base64","payload":"%s"},
                   {"receivedAt":"2026-11-21T08:55:00Z","reasons":["ts: 'x' is not an ISO-8601 instant"],
                    "payloadEncoding":"utf-8","payload":"{\\"sensorId\\":\\"songdo-env-0001\\",\\"ts\\":\\"x\\"}"}]}"""
                .formatted(Base64.getEncoder().encodeToString(binary)));
    }

    @Test
    void countsARangeAndLimitsTheList() throws Exception {
        for (int i = 0; i < 3; i++) {
            deadLetter(NOW.minus(Duration.ofMinutes(i + 1)), "songdo", ("bad " + i).getBytes(StandardCharsets.UTF_8), "bad");
        }
        assertThat(mvc.get().uri("/api/v1/cities/songdo/dead-letters/count?from=2026-11-21T08:57:30Z"))
            .hasStatusOk()
            .bodyJson().extractingPath("$.count").isEqualTo(2);
        assertThat(mvc.get().uri("/api/v1/cities/songdo/dead-letters?limit=1"))
            .hasStatusOk()
            .bodyJson()
            .satisfies(json -> {
                assertThat(json).extractingPath("$.total").isEqualTo(3);
                assertThat(json).extractingPath("$.deadLetters.length()").isEqualTo(1);
                assertThat(json).extractingPath("$.deadLetters[0].payload").isEqualTo("bad 0");
            });
    }

    @Test
    void rejectsBadRangesAndUnknownCities() {
        assertThat(mvc.get().uri("/api/v1/cities/songdo/dead-letters?from=2026-11-21T09:00:00Z&to=2026-11-21T09:00:00Z"))
            .hasStatus(HttpStatus.BAD_REQUEST)
            .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .bodyJson().extractingPath("$.parameter").isEqualTo("from");
        assertThat(mvc.get().uri("/api/v1/cities/songdo/dead-letters?limit=100000"))
            .hasStatus(HttpStatus.BAD_REQUEST)
            .bodyJson().extractingPath("$.parameter").isEqualTo("limit");
        assertThat(mvc.get().uri("/api/v1/cities/atlantis/dead-letters/count"))
            .hasStatus(HttpStatus.NOT_FOUND)
            .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
