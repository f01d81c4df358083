package org.aicity.platform.web;

import org.aicity.platform.ApiTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiTest extends ApiTestSupport {

    @Test
    void documentsEveryEndpoint() {
        assertThat(mvc.get().uri("/v3/api-docs"))
            .hasStatusOk()
            .bodyJson()
            .extractingPath("$.paths")
            .asMap()
            .containsKeys("/api/v1/cities/{city}/sensors", "/api/v1/cities/{city}/sensors/{id}",
                "/api/v1/cities/{city}/sensors/{id}/readings", "/api/v1/cities/{city}/sensors/{id}/aggregates",
                "/api/v1/cities/{city}/dead-letters", "/api/v1/cities/{city}/dead-letters/count", "/api/v1/status");
    }

    @Test
    void servesSwaggerUi() {
        assertThat(mvc.get().uri("/swagger-ui/index.html")).hasStatusOk();
    }

    @Test
    void unknownPathIsA404Problem() {
        assertThat(mvc.get().uri("/api/v1/nothing-here"))
            .hasStatus(404)
            .hasContentTypeCompatibleWith("application/problem+json");
    }
}
