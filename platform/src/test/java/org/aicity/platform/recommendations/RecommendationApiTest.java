package org.aicity.platform.recommendations;

import org.aicity.platform.ApiTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RecommendationApiTest extends ApiTestSupport {

    private static final String RECOMMENDATIONS = "/api/v1/cities/songdo/recommendations";

    @BeforeEach
    void emptyRecommendations() {
        jdbc.sql("TRUNCATE recommendation").update();
    }

    private void recommendation(String id, String district, String action, Instant issued, String... evidence) {
        jdbc.sql("""
                INSERT INTO recommendation (city_id, recommendation_id, district_id, action, target, issued_at, valid_until,
                                            reason, evidence)
                VALUES ('songdo', :id, :district, :action, 'technopark-ro-westbound', :issued, :until, 'reason', :evidence)""")
            .param("id", id).param("district", district).param("action", action)
            .param("issued", Timestamp.from(issued)).param("until", Timestamp.from(issued.plus(Duration.ofMinutes(30))))
            .param("evidence", evidence)
            .update();
    }

    @Test
    void servesRecommendationsNewestFirstAndOnlyTheValidOnesWhenAskedForActive() {
        recommendation("r1", "songdo-3", "EXTEND_GREEN_TIME", NOW.minus(Duration.ofMinutes(10)),
            "alert songdo:traffic_incident:songdo-3:1", "songdo-trf-0111 occupancy +4.0σ");
        recommendation("r2", "songdo-4", "DISCHARGE_STORAGE", NOW.minus(Duration.ofMinutes(50)));
        recommendation("r3", "songdo-2", "AIR_QUALITY_ADVISORY", NOW.minus(Duration.ofMinutes(5)));

        assertThat(mvc.get().uri(RECOMMENDATIONS))
            .hasStatusOk()
            .bodyJson()
            .extractingPath("$.recommendations[*].recommendationId").asArray().containsExactly("r3", "r1", "r2");
        assertThat(mvc.get().uri(RECOMMENDATIONS + "?active=true&action=extend_green_time"))
            .hasStatusOk()
            .bodyJson()
            .isLenientlyEqualTo("""
                {"cityId":"songdo","action":"EXTEND_GREEN_TIME","active":true,"limit":100,"recommendations":[
                  {"recommendationId":"r1","districtId":"songdo-3","target":"technopark-ro-westbound",
                   "issuedAt":"2026-11-21T08:50:00Z","validUntil":"2026-11-21T09:20:00Z","reason":"reason",
                   "evidence":["alert songdo:traffic_incident:songdo-3:1","songdo-trf-0111 occupancy +4.0σ"]}]}""");
        assertThat(mvc.get().uri(RECOMMENDATIONS + "?active=true")).hasStatusOk().bodyJson()
            .extractingPath("$.recommendations[*].recommendationId").asArray().containsExactly("r3", "r1");
        assertThat(mvc.get().uri(RECOMMENDATIONS + "?district=songdo-4")).hasStatusOk().bodyJson()
            .extractingPath("$.recommendations[*].recommendationId").asArray().containsExactly("r2");
    }

    @Test
    void answersAnUnknownActionOrCityWithProblemJson() {
        assertThat(mvc.get().uri(RECOMMENDATIONS + "?action=BUILD_A_ROAD"))
            .hasStatus(HttpStatus.BAD_REQUEST)
            .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .bodyJson().extractingPath("$.parameter").isEqualTo("action");
        assertThat(mvc.get().uri("/api/v1/cities/atlantis/recommendations"))
            .hasStatus(HttpStatus.NOT_FOUND)
            .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
