package org.aicity.platform.forecasts;

import org.aicity.platform.ApiTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ForecastApiTest extends ApiTestSupport {

    private static final String SENSOR = "songdo-trf-0001";
    private static final String BASE = "/api/v1/cities/songdo/sensors/" + SENSOR;

    @BeforeEach
    void emptyForecastTables() {
        jdbc.sql("TRUNCATE forecast, forecast_accuracy").update();
    }

    private void forecast(int horizon, Instant target, double value, Double seasonal) {
        jdbc.sql("""
                INSERT INTO forecast (city_id, series_id, metric, horizon_minutes, target, issued_at, value, lower80, upper80,
                                      lower95, upper95, persistence, seasonal_naive)
                VALUES ('songdo', :s, 'occupancy', :h, :t, :i, :v, :v - 0.25, :v + 0.25, :v - 0.5, :v + 0.5, 0.5, :sn)""")
            .param("s", SENSOR).param("h", horizon).param("t", Timestamp.from(target))
            .param("i", Timestamp.from(target.minus(Duration.ofMinutes(horizon)))).param("v", value).param("sn", seasonal)
            .update();
    }

    private void accuracy(String series, String domain, int horizon, Instant hour, long n, double sae, long w80, double saep,
                          long sn, double saeos, double saes) {
        jdbc.sql("""
                INSERT INTO forecast_accuracy (city_id, series_id, metric, horizon_minutes, period_start, domain, count,
                    sum_abs_error, sum_smape, within80, within95, sum_abs_error_persistence, seasonal_count,
                    sum_abs_error_on_seasonal, sum_abs_error_seasonal)
                VALUES ('songdo', :s, 'occupancy', :h, :p, :d, :n, :sae, :n * 0.1, :w80, :n, :saep, :sn, :saeos, :saes)""")
            .param("s", series).param("d", domain).param("h", horizon).param("p", Timestamp.from(hour)).param("n", n)
            .param("sae", sae).param("w80", w80).param("saep", saep).param("sn", sn).param("saeos", saeos).param("saes", saes)
            .update();
    }

    @Test
    void servesTheForecastsAheadWithIntervalsAndBaselines() {
        forecast(15, NOW.plus(Duration.ofMinutes(15)), 0.75, 0.625);
        forecast(60, NOW.plus(Duration.ofMinutes(60)), 0.35, null);
        forecast(15, NOW.minus(Duration.ofMinutes(5)), 0.2, null); // in the past: outside the default window

        assertThat(mvc.get().uri(BASE + "/forecasts"))
            .hasStatusOk()
            .bodyJson()
            .isLenientlyEqualTo("""
                {"cityId":"songdo","sensorId":"songdo-trf-0001","from":"2026-11-21T09:00:00Z","to":"2026-11-21T11:00:00Z",
                 "forecasts":[
                   {"metric":"occupancy","horizonMinutes":15,"target":"2026-11-21T09:15:00Z","value":0.75,
                    "lower80":0.5,"upper80":1.0,"lower95":0.25,"upper95":1.25,"persistence":0.5,"seasonalNaive":0.625},
                   {"horizonMinutes":60,"target":"2026-11-21T10:00:00Z","seasonalNaive":null}]}""");
        assertThat(mvc.get().uri(BASE + "/forecasts?horizon=60")).hasStatusOk().bodyJson()
            .extractingPath("$.forecasts[*].horizonMinutes").asArray().containsExactly(60);
    }

    @Test
    void sumsAccuracyOverHoursAndComparesWithBothBaselinesOnTheSameTargets() {
        Instant h1 = NOW.minus(Duration.ofHours(2));
        Instant h2 = NOW.minus(Duration.ofHours(1));
        accuracy(SENSOR, "traffic", 15, h1, 60, 3.0, 50, 6.0, 0, 0, 0);
        accuracy(SENSOR, "traffic", 15, h2, 40, 1.0, 30, 4.0, 40, 1.0, 2.0);
        accuracy("songdo-trf-0002", "traffic", 15, h2, 100, 10.0, 80, 20.0, 100, 10.0, 30.0);

        assertThat(mvc.get().uri(BASE + "/forecast-accuracy"))
            .hasStatusOk()
            .bodyJson()
            .isLenientlyEqualTo("""
                {"subject":"songdo-trf-0001","accuracy":[
                  {"metric":"occupancy","horizonMinutes":15,"count":100,"mae":0.04,"coverage80":0.8,"persistenceMae":0.1,
                   "seasonalCount":40,"maeWhereSeasonal":0.025,"seasonalNaiveMae":0.05}]}""");
        assertThat(mvc.get().uri("/api/v1/cities/songdo/forecast-accuracy?domain=traffic"))
            .hasStatusOk()
            .bodyJson()
            .isLenientlyEqualTo("""
                {"subject":"traffic","accuracy":[{"group":"traffic","horizonMinutes":15,"count":200,"mae":0.07,
                  "persistenceMae":0.15,"seasonalCount":140}]}""");
    }

    @Test
    void answersBadParametersWithProblemJsonNamingThem() {
        assertThat(mvc.get().uri(BASE + "/forecasts?horizon=45"))
            .hasStatus(HttpStatus.BAD_REQUEST)
            .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .bodyJson().extractingPath("$.parameter").isEqualTo("horizon");
        assertThat(mvc.get().uri(BASE + "/forecasts?metric=pm25"))
            .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.parameter").isEqualTo("metric");
        assertThat(mvc.get().uri("/api/v1/cities/songdo/forecast-accuracy?domain=water"))
            .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.parameter").isEqualTo("domain");
        assertThat(mvc.get().uri("/api/v1/cities/songdo/sensors/nope/forecasts"))
            .hasStatus(HttpStatus.NOT_FOUND).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
