package org.aicity.platform.readings;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.aicity.platform.readings.ReadingQueries.Aggregate;
import org.aicity.platform.readings.ReadingQueries.ReadingPoint;
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
@RequestMapping("/api/v1/cities/{city}/sensors/{id}")
@Tag(name = "readings")
class ReadingController {

    private final SensorRegistry sensors;
    private final ReadingQueries queries;
    private final ReadingsProperties properties;
    private final Clock clock;

    ReadingController(SensorRegistry sensors, ReadingQueries queries, ReadingsProperties properties, Clock clock) {
        this.sensors = sensors;
        this.queries = queries;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @param truncated true when the range holds more than {@code limit} values: the oldest were left out
     */
    record Readings(String cityId, String sensorId, Instant from, Instant to, String metric, int limit,
                    boolean truncated, List<ReadingPoint> readings) {
    }

    record Aggregates(String cityId, String sensorId, Instant from, Instant to, String metric,
                      List<Aggregate> aggregates) {
    }

    @GetMapping("/readings")
    @Operation(summary = "A sensor's readings, newest first",
        description = "One row per metric value in [from, to). Without from/to: the last hour (configurable).")
    Readings readings(@PathVariable String city, @PathVariable String id,
                      @Parameter(description = "inclusive start, ISO-8601, e.g. 2026-11-21T08:00:00Z") @RequestParam(required = false) Instant from,
                      @Parameter(description = "exclusive end, ISO-8601; default now") @RequestParam(required = false) Instant to,
                      @Parameter(description = "only this metric, e.g. intensity") @RequestParam(required = false) String metric,
                      @Parameter(description = "the most values to return") @RequestParam(required = false) Integer limit) {
        Sensor sensor = sensors.require(city, id);
        checkMetric(sensor, metric);
        TimeWindow window = TimeWindow.resolve(from, to, clock, properties.defaultRange(), properties.maxRange());
        int max = TimeWindow.limit(limit, properties.defaultLimit(), properties.maxLimit());
        List<ReadingPoint> rows = queries.readings(city, id, metric, window, max + 1);
        boolean truncated = rows.size() > max;
        return new Readings(city, id, window.from(), window.to(), metric, max, truncated,
            truncated ? rows.subList(0, max) : rows);
    }

    @GetMapping("/aggregates")
    @Operation(summary = "A sensor's 1-minute aggregates, oldest bucket first",
        description = "Event-time minute buckets starting in [from, to). Without from/to: the last hour (configurable).")
    Aggregates aggregates(@PathVariable String city, @PathVariable String id,
                          @Parameter(description = "inclusive start, ISO-8601") @RequestParam(required = false) Instant from,
                          @Parameter(description = "exclusive end, ISO-8601; default now") @RequestParam(required = false) Instant to,
                          @Parameter(description = "only this metric") @RequestParam(required = false) String metric) {
        Sensor sensor = sensors.require(city, id);
        checkMetric(sensor, metric);
        TimeWindow window = TimeWindow.resolve(from, to, clock, properties.defaultRange(), properties.aggregatesMaxRange());
        return new Aggregates(city, id, window.from(), window.to(), metric, queries.aggregates(city, id, metric, window));
    }

    private static void checkMetric(Sensor sensor, String metric) {
        if (metric != null && !sensor.metrics().contains(metric)) {
            throw new InvalidParameterException("metric", "sensor '" + sensor.id() + "' reports " + sensor.metrics()
                + ", not '" + metric + "'");
        }
    }
}
