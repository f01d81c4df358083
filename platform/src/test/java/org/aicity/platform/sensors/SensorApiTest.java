package org.aicity.platform.sensors;

import org.aicity.model.CityDefinitions;
import org.aicity.platform.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class SensorApiTest extends ApiTestSupport {

    private static final int SONGDO_SENSORS = CityDefinitions.builtIn("songdo").sensors().size();

    @Test
    void listsEverySeededSensorBeforeAnyDataArrives() {
        assertThat(mvc.get().uri("/api/v1/cities/songdo/sensors?size=1000"))
            .hasStatusOk()
            .bodyJson()
            .satisfies(json -> {
                assertThat(json).extractingPath("$.total").isEqualTo(SONGDO_SENSORS);
                assertThat(json).extractingPath("$.sensors.length()").isEqualTo(SONGDO_SENSORS);
                assertThat(json).extractingPath("$.sensors[0].id").isEqualTo("songdo-env-0001");
            });
    }

    @Test
    void filtersByDomainAndDistrictAndPages() {
        assertThat(mvc.get().uri("/api/v1/cities/songdo/sensors?domain=traffic&district=songdo-2&page=1&size=5"))
            .hasStatusOk()
            .bodyJson()
            .satisfies(json -> {
                assertThat(json).extractingPath("$.total").isEqualTo(24);
                assertThat(json).extractingPath("$.page").isEqualTo(1);
                assertThat(json).extractingPath("$.size").isEqualTo(5);
                assertThat(json).extractingPath("$.sensors.length()").isEqualTo(5);
                assertThat(json).extractingPath("$.sensors[*].domain").asArray().containsOnly("traffic");
                assertThat(json).extractingPath("$.sensors[*].district").asArray().containsOnly("songdo-2");
            });
    }

    @Test
    void showsOneSensorWithItsMetricsAndPosition() {
        assertThat(mvc.get().uri("/api/v1/cities/songdo/sensors/songdo-trf-0001"))
            .hasStatusOk()
            .bodyJson()
            .isLenientlyEqualTo("""
                {"id":"songdo-trf-0001","cityId":"songdo","domain":"traffic","kind":"loop-detector",
                 "district":"songdo-1","lat":37.40085,"lon":126.67441,
                 "metrics":["intensity","occupancy","averageVehicleSpeed"]}""");
    }

    @Test
    void unknownCityIsA404Problem() {
        assertThat(mvc.get().uri("/api/v1/cities/atlantis/sensors"))
            .hasStatus(HttpStatus.NOT_FOUND)
            .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .bodyJson()
            .isLenientlyEqualTo("""
                {"status":404,"title":"City not found","city":"atlantis","instance":"/api/v1/cities/atlantis/sensors"}""");
    }

    @Test
    void unknownSensorIsA404Problem() {
        assertThat(mvc.get().uri("/api/v1/cities/songdo/sensors/songdo-trf-9999"))
            .hasStatus(HttpStatus.NOT_FOUND)
            .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .bodyJson()
            .isLenientlyEqualTo("""
                {"status":404,"title":"Sensor not found","sensor":"songdo-trf-9999",
                 "detail":"city 'songdo' has no sensor 'songdo-trf-9999'"}""");
    }

    @Test
    void badFiltersNameTheParameter() {
        assertThat(mvc.get().uri("/api/v1/cities/songdo/sensors?domain=weather"))
            .hasStatus(HttpStatus.BAD_REQUEST)
            .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .bodyJson().extractingPath("$.parameter").isEqualTo("domain");
        assertThat(mvc.get().uri("/api/v1/cities/songdo/sensors?district=nowhere"))
            .hasStatus(HttpStatus.BAD_REQUEST)
            .bodyJson().extractingPath("$.parameter").isEqualTo("district");
        assertThat(mvc.get().uri("/api/v1/cities/songdo/sensors?size=5000"))
            .hasStatus(HttpStatus.BAD_REQUEST)
            .bodyJson().extractingPath("$.parameter").isEqualTo("size");
        assertThat(mvc.get().uri("/api/v1/cities/songdo/sensors?page=first"))
            .hasStatus(HttpStatus.BAD_REQUEST)
            .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .bodyJson().extractingPath("$.parameter").isEqualTo("page");
    }
}
