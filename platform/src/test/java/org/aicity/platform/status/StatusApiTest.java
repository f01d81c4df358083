package org.aicity.platform.status;

import org.aicity.platform.ApiTestSupport;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class StatusApiTest extends ApiTestSupport {

    private void subtask(int subtask, long in, long valid, long invalid, long dups, String lastEvent, String watermark) {
        jdbc.sql("""
                INSERT INTO ingest_status (pipeline, subtask, messages_in, readings_valid, readings_invalid, duplicates,
                                           last_event_time, watermark, updated_at)
                VALUES ('ingest', :st, :in, :valid, :invalid, :dups, :last, :wm, :now)""")
            .param("st", subtask).param("in", in).param("valid", valid).param("invalid", invalid).param("dups", dups)
            .param("last", lastEvent == null ? null : Timestamp.from(Instant.parse(lastEvent)))
            .param("wm", watermark == null ? null : Timestamp.from(Instant.parse(watermark)))
            .param("now", Timestamp.from(NOW))
            .update();
    }

    @Test
    void sumsCountersAndTakesTheSmallestWatermark() {
        subtask(0, 100, 95, 3, 2, "2026-11-21T08:59:50Z", "2026-11-21T08:59:30Z");
        subtask(1, 50, 50, 0, 1, "2026-11-21T08:59:55Z", "2026-11-21T08:59:00Z");
        subtask(2, 0, 0, 0, 0, null, null);

        assertThat(mvc.get().uri("/api/v1/status"))
            .hasStatusOk()
            .bodyJson()
            .isLenientlyEqualTo("""
                {"mode":"external",
                 "ingest":{"messagesIn":150,"readingsValid":145,"readingsInvalid":3,"duplicates":3,
                           "lastEventTime":"2026-11-21T08:59:55Z","watermark":"2026-11-21T08:59:00Z",
                           "watermarkLagSeconds":60.0,
                           "pipelines":[{"pipeline":"ingest","subtasks":3}]},
                 "components":[{"name":"database","runs":"external"},{"name":"mqtt-broker","runs":"off"},
                               {"name":"stream-job","runs":"off"},{"name":"simulator","runs":"off"}]}""");
    }

    @Test
    void reportsZerosBeforeTheJobHasWrittenAnything() {
        assertThat(mvc.get().uri("/api/v1/status"))
            .hasStatusOk()
            .bodyJson()
            .isLenientlyEqualTo("""
                {"ingest":{"messagesIn":0,"readingsValid":0,"watermark":null,"watermarkLagSeconds":null,"pipelines":[]}}""");
    }
}
