package org.aicity.platform.forecasts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.aicity.model.Domain;
import org.aicity.platform.city.CityCatalog;
import org.aicity.platform.forecasts.ForecastQueries.AccuracyRow;
import org.aicity.platform.forecasts.ForecastQueries.ForecastPoint;
import org.aicity.platform.sensors.Sensor;
import org.aicity.platform.sensors.SensorRegistry;
import org.aicity.platform.web.InvalidParameterException;
import org.aicity.platform.web.TimeWindow;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/v1/cities/{city}")
@Tag(name = "forecasts")
class ForecastController {

    private static final List<Integer> HORIZONS = List.of(15, 30, 60);

    private final SensorRegistry sensors;
    private final CityCatalog cities;
    private final ForecastQueries queries;
    private final ForecastsProperties properties;
    private final Clock clock;

    ForecastController(SensorRegistry sensors, CityCatalog cities, ForecastQueries queries, ForecastsProperties properties,
                       Clock clock) {
        this.sensors = sensors;
        this.cities = cities;
        this.queries = queries;
        this.properties = properties;
        this.clock = clock;
    }

    record Forecasts(String cityId, String sensorId, Instant from, Instant to, String metric, Integer horizon,
                     List<ForecastPoint> forecasts) {
    }

    record AccuracyReport(String cityId, String subject, Instant from, Instant to, List<AccuracyRow> accuracy) {
    }

    @GetMapping("/sensors/{id}/forecasts")
    @Operation(summary = "A sensor's forecasts, oldest target first",
        description = "Forecasts whose target lies in [from, to), at 15, 30 and 60 minutes, with 80% and 95% intervals "
            + "and the persistence and seasonal-naive baselines. Without from/to: the next two hours.")
    Forecasts forecasts(@PathVariable String city, @PathVariable String id,
                        @Parameter(description = "inclusive start of targets, ISO-8601") @RequestParam(required = false) Instant from,
                        @Parameter(description = "exclusive end of targets, ISO-8601; default from + 2 h") @RequestParam(required = false) Instant to,
                        @Parameter(description = "only this metric") @RequestParam(required = false) String metric,
                        @Parameter(description = "only this horizon in minutes: 15, 30 or 60") @RequestParam(required = false) Integer horizon) {
        Sensor sensor = sensors.require(city, id);
        checkMetric(sensor, metric);
        if (horizon != null && !HORIZONS.contains(horizon)) {
            throw new InvalidParameterException("horizon", "horizon must be one of " + HORIZONS + " (minutes), was " + horizon);
        }
        // forecasts lie ahead: the default window starts now rather than ending now
        Instant start = from != null ? from : clock.instant();
        Instant end = to != null ? to : start.plus(properties.defaultRange());
        TimeWindow window = TimeWindow.resolve(start, end, clock, properties.defaultRange(), properties.maxRange());
        return new Forecasts(city, id, window.from(), window.to(), metric, horizon,
            queries.forecasts(city, id, metric, horizon, window));
    }

    @GetMapping("/sensors/{id}/forecast-accuracy")
    @Operation(summary = "How good a sensor's forecasts were, per metric and horizon, against the baselines",
        description = "MAE, sMAPE and interval coverage over forecasts whose target hour starts in [from, to), with the "
            + "persistence and seasonal-naive MAE on the same targets. Without from/to: the last day.")
    AccuracyReport sensorAccuracy(@PathVariable String city, @PathVariable String id,
                                  @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
        sensors.require(city, id);
        TimeWindow window = TimeWindow.resolve(from, to, clock, properties.accuracyDefaultRange(), properties.accuracyMaxRange());
        return new AccuracyReport(city, id, window.from(), window.to(), queries.seriesAccuracy(city, id, window));
    }

    @GetMapping("/forecast-accuracy")
    @Operation(summary = "How good the city's sensor forecasts were, per domain, metric and horizon",
        description = "Summed over every sensor series; without from/to: the last day.")
    AccuracyReport cityAccuracy(@PathVariable String city,
                                @Parameter(description = "only this domain: traffic, energy or environment") @RequestParam(required = false) String domain,
                                @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
        cities.require(city);
        if (domain != null && Domain.fromWire(domain).isEmpty()) {
            throw new InvalidParameterException("domain", "domain must be traffic, energy or environment, was '" + domain + "'");
        }
        TimeWindow window = TimeWindow.resolve(from, to, clock, properties.accuracyDefaultRange(), properties.accuracyMaxRange());
        return new AccuracyReport(city, domain == null ? "all domains" : domain, window.from(), window.to(),
            queries.domainAccuracy(city, domain, window));
    }

    private static void checkMetric(Sensor sensor, String metric) {
        if (metric != null && !sensor.metrics().contains(metric)) {
            throw new InvalidParameterException("metric", "sensor '" + sensor.id() + "' reports " + sensor.metrics()
                + ", not '" + metric + "'");
        }
    }
}
