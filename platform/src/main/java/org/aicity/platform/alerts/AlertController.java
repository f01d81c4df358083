package org.aicity.platform.alerts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.aicity.platform.alerts.AlertQueries.AlertView;
import org.aicity.platform.city.CityCatalog;
import org.aicity.platform.web.InvalidParameterException;
import org.aicity.platform.web.TimeWindow;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;
import java.util.Set;

@RestController
@RequestMapping("/api/v1/cities/{city}")
@Tag(name = "alerts")
class AlertController {

    private static final Set<String> STATUSES = Set.of("open", "resolved");
    private static final Set<String> KINDS = Set.of("TRAFFIC_INCIDENT", "SENSOR_FAULT", "AIR_QUALITY", "ENERGY_PEAK");
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final CityCatalog cities;
    private final AlertQueries queries;

    AlertController(CityCatalog cities, AlertQueries queries) {
        this.cities = cities;
        this.queries = queries;
    }

    record Alerts(String cityId, String status, String kind, int limit, List<AlertView> alerts) {
    }

    @GetMapping("/alerts")
    @Operation(summary = "The city's alerts, newest first",
        description = "One alert per subject (sensor or district) and kind is open at a time; it opens on evidence and "
            + "resolves after minutes of recovery. Evidence lists the sensors that showed it, across domains.")
    Alerts alerts(@PathVariable String city,
                  @Parameter(description = "open or resolved; default both") @RequestParam(required = false) String status,
                  @Parameter(description = "TRAFFIC_INCIDENT, SENSOR_FAULT, AIR_QUALITY or ENERGY_PEAK") @RequestParam(required = false) String kind,
                  @Parameter(description = "the most alerts to return") @RequestParam(required = false) Integer limit) {
        cities.require(city);
        String s = status == null ? null : status.toLowerCase(Locale.ROOT);
        if (s != null && !STATUSES.contains(s)) {
            throw new InvalidParameterException("status", "status must be open or resolved, was '" + status + "'");
        }
        String k = kind == null ? null : kind.toUpperCase(Locale.ROOT);
        if (k != null && !KINDS.contains(k)) {
            throw new InvalidParameterException("kind", "kind must be one of " + KINDS.stream().sorted().toList()
                + ", was '" + kind + "'");
        }
        int max = TimeWindow.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        return new Alerts(city, s, k, max, queries.alerts(city, s == null ? null : s.toUpperCase(Locale.ROOT), k, max));
    }
}
