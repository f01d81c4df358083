package org.aicity.platform.recommendations;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.aicity.platform.city.CityCatalog;
import org.aicity.platform.recommendations.RecommendationQueries.RecommendationView;
import org.aicity.platform.web.InvalidParameterException;
import org.aicity.platform.web.TimeWindow;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;

@RestController
@RequestMapping("/api/v1/cities/{city}")
@Tag(name = "recommendations")
class RecommendationController {

    private static final Set<String> ACTIONS = Set.of("EXTEND_GREEN_TIME", "DISCHARGE_STORAGE", "SHIFT_LOAD",
        "AIR_QUALITY_ADVISORY");
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final CityCatalog cities;
    private final RecommendationQueries queries;
    private final Clock clock;

    RecommendationController(CityCatalog cities, RecommendationQueries queries, Clock clock) {
        this.cities = cities;
        this.queries = queries;
        this.clock = clock;
    }

    record Recommendations(String cityId, String district, String action, boolean active, int limit,
                           List<RecommendationView> recommendations) {
    }

    @GetMapping("/recommendations")
    @Operation(summary = "What the decision rules recommend, newest first",
        description = "Each recommendation names an action for a district (extend green time on its corridors, discharge "
            + "storage or shift load before a forecast peak, an air-quality advisory), why, and the forecasts and alerts "
            + "it rests on. It stands until validUntil and is issued again if still warranted then.")
    Recommendations recommendations(@PathVariable String city,
                                    @Parameter(description = "only this district, e.g. songdo-3") @RequestParam(required = false) String district,
                                    @Parameter(description = "EXTEND_GREEN_TIME, DISCHARGE_STORAGE, SHIFT_LOAD or AIR_QUALITY_ADVISORY")
                                    @RequestParam(required = false) String action,
                                    @Parameter(description = "only those valid now") @RequestParam(defaultValue = "false") boolean active,
                                    @Parameter(description = "the most recommendations to return") @RequestParam(required = false) Integer limit) {
        cities.require(city);
        String a = action == null ? null : action.toUpperCase(Locale.ROOT);
        if (a != null && !ACTIONS.contains(a)) {
            throw new InvalidParameterException("action", "action must be one of " + ACTIONS.stream().sorted().toList()
                + ", was '" + action + "'");
        }
        int max = TimeWindow.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        return new Recommendations(city, district, a, active, max,
            queries.recommendations(city, district, a, active ? clock.instant() : null, max));
    }
}
