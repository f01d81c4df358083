package org.aicity.platform.alerts;

import org.aicity.platform.ApiTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AlertApiTest extends ApiTestSupport {

    private static final String ALERTS = "/api/v1/cities/songdo/alerts";

    @BeforeEach
    void emptyAlerts() {
        jdbc.sql("TRUNCATE alert").update();
    }

    private void alert(String id, String kind, String status, Instant raised, String... evidence) {
        jdbc.sql("""
                INSERT INTO alert (city_id, alert_id, kind, subject_id, district_id, severity, status, since, raised_at,
                                   closed_at, peak_score, summary, evidence)
                VALUES ('songdo', :id, :kind, 'songdo-1', 'songdo-1', 'WARNING', :status, :since, :raised, :closed, 1.0,
                        'summary', :evidence)""")
            .param("id", id).param("kind", kind).param("status", status)
            .param("since", Timestamp.from(raised.minusSeconds(120))).param("raised", Timestamp.from(raised))
            .param("closed", "RESOLVED".equals(status) ? Timestamp.from(raised.plusSeconds(600)) : null)
            .param("evidence", evidence)
            .update();
    }

    @Test
    void servesOpenAlertsNewestFirstWithTheirEvidence() {
        alert("a1", "TRAFFIC_INCIDENT", "OPEN", NOW.minus(Duration.ofMinutes(30)), "songdo-trf-0001 occupancy +5.0σ",
            "songdo-env-0002 no2 +3.1σ (environment)");
        alert("a2", "SENSOR_FAULT", "RESOLVED", NOW.minus(Duration.ofMinutes(20)));
        alert("a3", "SENSOR_FAULT", "OPEN", NOW.minus(Duration.ofMinutes(10)));

        assertThat(mvc.get().uri(ALERTS + "?status=open"))
            .hasStatusOk()
            .bodyJson()
            .isLenientlyEqualTo("""
                {"cityId":"songdo","status":"open","limit":100,"alerts":[
                  {"alertId":"a3","kind":"SENSOR_FAULT","status":"OPEN","closedAt":null},
                  {"alertId":"a1","kind":"TRAFFIC_INCIDENT","subjectId":"songdo-1","severity":"WARNING",
                   "raisedAt":"2026-11-21T08:30:00Z","since":"2026-11-21T08:28:00Z",
                   "evidence":["songdo-trf-0001 occupancy +5.0σ","songdo-env-0002 no2 +3.1σ (environment)"]}]}""");
        assertThat(mvc.get().uri(ALERTS + "?kind=sensor_fault&status=resolved")).hasStatusOk().bodyJson()
            .extractingPath("$.alerts[*].alertId").asArray().containsExactly("a2");
    }

    @Test
    void answersABadStatusOrKindOrAnUnknownCityWithProblemJson() {
        assertThat(mvc.get().uri(ALERTS + "?status=closed"))
            .hasStatus(HttpStatus.BAD_REQUEST)
            .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .bodyJson().extractingPath("$.parameter").isEqualTo("status");
        assertThat(mvc.get().uri(ALERTS + "?kind=FIRE"))
            .hasStatus(HttpStatus.BAD_REQUEST)
            .bodyJson().extractingPath("$.parameter").isEqualTo("kind");
        assertThat(mvc.get().uri("/api/v1/cities/atlantis/alerts"))
            .hasStatus(HttpStatus.NOT_FOUND)
            .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
