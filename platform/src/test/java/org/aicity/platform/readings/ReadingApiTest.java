package org.aicity.platform.readings;

import org.aicity.platform.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ReadingApiTest extends ApiTestSupport {

    private static final String SENSOR = "songdo-trf-0001";
    private static final String READINGS = "/api/v1/cities/songdo/sensors/" + SENSOR + "/readings";
    private static final String AGGREGATES = "/api/v1/cities/songdo/sensors/" + SENSOR + "/aggregates";

    /** Traffic metrics in the catalogue's order, as the job stores them: not sorted by name. */
    private static final String[] TRAFFIC = {"intensity", "occupancy", "averageVehicleSpeed"};

    /** One stored reading: one row, its values in an array parallel to its metric set's names, in the order given. */
    private void reading(Instant ts, long seq, String[] metrics, double... values) {
        assertThat(values).as("a value per metric").hasSameSizeAs(metrics);
        jdbc.sql("""
                INSERT INTO reading (sensor_key, ts, seq, metric_set, metric_values)
                VALUES (sensor_key_for('songdo', :s), :ts, :seq, metric_set_for(CAST(:names AS text[])),
                        CAST(:values AS double precision[]))""")
            .param("s", SENSOR).param("ts", Timestamp.from(ts)).param("seq", seq)
            .param("names", "{" + String.join(",", metrics) + "}")
            .param("values", Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(",", "{", "}")))
            .update();
    }

    private void aggregate(Instant bucket, String metric, long count, double mean) {
        jdbc.sql("""
                INSERT INTO aggregate_1m (city_id, sensor_id, metric, bucket, count, mean, min, max, last, last_ts)
                VALUES ('songdo', :s, :m, :b, :c, :mean, :mean - 1, :mean + 1, :mean, :b)""")
            .param("s", SENSOR).param("m", metric).param("b", Timestamp.from(bucket)).param("c", count).param("mean", mean)
            .update();
    }

    @Test
    void defaultsToTheLastHourNewestFirstAPointPerMetricInNameOrder() {
        reading(NOW.minus(Duration.ofMinutes(90)), 1, TRAFFIC, 10, 0.1, 50);
        reading(NOW.minus(Duration.ofMinutes(30)), 2, TRAFFIC, 20, 0.2, 41.5);
        reading(NOW.minus(Duration.ofMinutes(10)), 3, TRAFFIC, 30, 0.3, 38);
        // a second reading with the same timestamp, of one metric: the later seq comes first
        reading(NOW.minus(Duration.ofMinutes(10)), 4, new String[] {"intensity"}, 31);

        assertThat(mvc.get().uri(READINGS))
            .hasStatusOk()
            .hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            .bodyJson()
            .satisfies(json -> {
                assertThat(json).isLenientlyEqualTo("""
                    {"cityId":"songdo","sensorId":"songdo-trf-0001",
                     "from":"2026-11-21T08:00:00Z","to":"2026-11-21T09:00:00Z","limit":1000,"truncated":false,
                     "readings":[
                       {"ts":"2026-11-21T08:50:00Z","seq":4,"metric":"intensity","value":31.0},
                       {"ts":"2026-11-21T08:50:00Z","seq":3,"metric":"averageVehicleSpeed","value":38.0},
                       {"ts":"2026-11-21T08:50:00Z","seq":3,"metric":"intensity","value":30.0},
                       {"ts":"2026-11-21T08:50:00Z","seq":3,"metric":"occupancy","value":0.3},
                       {"ts":"2026-11-21T08:30:00Z","seq":2,"metric":"averageVehicleSpeed","value":41.5},
                       {"ts":"2026-11-21T08:30:00Z","seq":2,"metric":"intensity","value":20.0},
                       {"ts":"2026-11-21T08:30:00Z","seq":2,"metric":"occupancy","value":0.2}]}""");
                // a lenient comparison ignores the order of an array: the documented order is ts DESC, seq DESC, metric
                assertThat(json).extractingPath("$.readings[*].seq").asArray().containsExactly(4, 3, 3, 3, 2, 2, 2);
                assertThat(json).extractingPath("$.readings[*].metric").asArray().containsExactly(
                    "intensity", "averageVehicleSpeed", "intensity", "occupancy", "averageVehicleSpeed", "intensity", "occupancy");
                assertThat(json).extractingPath("$.readings[*].value").asArray().containsExactly(
                    31.0, 38.0, 30.0, 0.3, 41.5, 20.0, 0.2);
            });
    }

    @Test
    void filtersByMetricAndTruncatesAtTheLimit() {
        for (int i = 0; i < 5; i++) {
            reading(NOW.minus(Duration.ofMinutes(5 * (i + 1))), i, TRAFFIC, i, 0.1 * (i + 1), 40 + i);
        }
        assertThat(mvc.get().uri(READINGS + "?metric=intensity&limit=2"))
            .hasStatusOk()
            .bodyJson()
            .satisfies(json -> {
                assertThat(json).extractingPath("$.truncated").isEqualTo(true);
                assertThat(json).extractingPath("$.readings[*].seq").asArray().containsExactly(0, 1);
                assertThat(json).extractingPath("$.readings[*].metric").asArray().containsOnly("intensity");
                assertThat(json).extractingPath("$.readings[*].value").asArray().containsExactly(0.0, 1.0);
            });
        // each value stays with its own metric: the filter picks the element, not the row
        assertThat(mvc.get().uri(READINGS + "?metric=averageVehicleSpeed"))
            .hasStatusOk()
            .bodyJson()
            .satisfies(json -> {
                assertThat(json).extractingPath("$.truncated").isEqualTo(false);
                assertThat(json).extractingPath("$.readings[*].seq").asArray().containsExactly(0, 1, 2, 3, 4);
                assertThat(json).extractingPath("$.readings[*].metric").asArray().containsOnly("averageVehicleSpeed");
                assertThat(json).extractingPath("$.readings[*].value").asArray().containsExactly(40.0, 41.0, 42.0, 43.0, 44.0);
            });
    }

    @Test
    void acceptsAnExplicitRangeWithAnOffset() {
        reading(Instant.parse("2026-11-20T10:15:00Z"), 7, new String[] {"intensity"}, 12);
        assertThat(mvc.get().uri(URI.create(READINGS + "?from=2026-11-20T19:00:00%2B09:00&to=2026-11-20T20:00:00%2B09:00")))
            .hasStatusOk()
            .bodyJson()
            .satisfies(json -> {
                assertThat(json).extractingPath("$.from").isEqualTo("2026-11-20T10:00:00Z");
                assertThat(json).extractingPath("$.readings[0].seq").isEqualTo(7);
            });
    }

    @Test
    void aggregatesComeOldestBucketFirst() {
        aggregate(NOW.minus(Duration.ofMinutes(2)), "intensity", 12, 40.5);
        aggregate(NOW.minus(Duration.ofMinutes(3)), "intensity", 11, 38.0);
        aggregate(NOW.minus(Duration.ofHours(3)), "intensity", 11, 38.0);

        assertThat(mvc.get().uri(AGGREGATES + "?metric=intensity"))
            .hasStatusOk()
            .bodyJson()
            .isLenientlyEqualTo("""
                {"metric":"intensity","aggregates":[
                  {"metric":"intensity","bucket":"2026-11-21T08:57:00Z","count":11,"mean":38.0,"min":37.0,"max":39.0},
                  {"metric":"intensity","bucket":"2026-11-21T08:58:00Z","count":12,"mean":40.5,"last":40.5,
                   "lastTs":"2026-11-21T08:58:00Z"}]}""");
    }

    @Test
    void reversedRangeIsA400NamingFrom() {
        assertThat(mvc.get().uri(READINGS + "?from=2026-11-21T08:00:00Z&to=2026-11-21T07:00:00Z"))
            .hasStatus(HttpStatus.BAD_REQUEST)
            .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .bodyJson()
            .isLenientlyEqualTo("""
                {"status":400,"title":"Invalid request parameter","parameter":"from",
                 "detail":"from (2026-11-21T08:00:00Z) must be before to (2026-11-21T07:00:00Z)"}""");
    }

    @Test
    void malformedTimestampIsA400NamingTheParameter() {
        assertThat(mvc.get().uri(READINGS + "?to=yesterday"))
            .hasStatus(HttpStatus.BAD_REQUEST)
            .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .bodyJson()
            .isLenientlyEqualTo("""
                {"status":400,"parameter":"to",
                 "detail":"'to' must be an ISO-8601 instant such as 2026-11-21T08:15:00Z, got 'yesterday'"}""");
    }

    @Test
    void tooLongRangeTooLargeLimitAndForeignMetricAre400s() {
        assertThat(mvc.get().uri(READINGS + "?from=2026-01-01T00:00:00Z"))
            .hasStatus(HttpStatus.BAD_REQUEST)
            .bodyJson().extractingPath("$.parameter").isEqualTo("from");
        assertThat(mvc.get().uri(READINGS + "?limit=0"))
            .hasStatus(HttpStatus.BAD_REQUEST)
            .bodyJson().extractingPath("$.parameter").isEqualTo("limit");
        assertThat(mvc.get().uri(READINGS + "?limit=lots"))
            .hasStatus(HttpStatus.BAD_REQUEST)
            .bodyJson().extractingPath("$.parameter").isEqualTo("limit");
        assertThat(mvc.get().uri(AGGREGATES + "?metric=pm25"))
            .hasStatus(HttpStatus.BAD_REQUEST)
            .bodyJson().extractingPath("$.parameter").isEqualTo("metric");
    }

    @Test
    void readingsOfAnUnknownSensorAreA404() {
        assertThat(mvc.get().uri("/api/v1/cities/songdo/sensors/nope/readings"))
            .hasStatus(HttpStatus.NOT_FOUND)
            .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .bodyJson().extractingPath("$.sensor").isEqualTo("nope");
        assertThat(mvc.get().uri("/api/v1/cities/atlantis/sensors/songdo-trf-0001/aggregates"))
            .hasStatus(HttpStatus.NOT_FOUND)
            .bodyJson().extractingPath("$.city").isEqualTo("atlantis");
    }
}
