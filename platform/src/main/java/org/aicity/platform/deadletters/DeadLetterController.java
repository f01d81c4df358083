package org.aicity.platform.deadletters;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.aicity.platform.city.CityCatalog;
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
@RequestMapping("/api/v1/cities/{city}/dead-letters")
@Tag(name = "dead letters")
class DeadLetterController {

    private final CityCatalog cities;
    private final DeadLetterQueries queries;
    private final DeadLettersProperties properties;
    private final Clock clock;

    DeadLetterController(CityCatalog cities, DeadLetterQueries queries, DeadLettersProperties properties, Clock clock) {
        this.cities = cities;
        this.queries = queries;
        this.properties = properties;
        this.clock = clock;
    }

    /** @param total every dead letter in the range, of which {@code deadLetters} holds the newest {@code limit} */
    record DeadLetterPage(String cityId, Instant from, Instant to, int limit, long total, List<DeadLetter> deadLetters) {
    }

    record DeadLetterCount(String cityId, Instant from, Instant to, long count) {
    }

    @GetMapping
    @Operation(summary = "Rejected messages of a city, newest first",
        description = "Payloads are shown as text when they are valid UTF-8, otherwise base64 (see payloadEncoding). "
            + "Without from/to: the last day (configurable).")
    DeadLetterPage list(@PathVariable String city,
                        @Parameter(description = "inclusive start, ISO-8601") @RequestParam(required = false) Instant from,
                        @Parameter(description = "exclusive end, ISO-8601; default now") @RequestParam(required = false) Instant to,
                        @Parameter(description = "the most dead letters to return") @RequestParam(required = false) Integer limit) {
        cities.require(city);
        TimeWindow window = TimeWindow.resolve(from, to, clock, properties.defaultRange(), properties.maxRange());
        int max = TimeWindow.limit(limit, properties.defaultLimit(), properties.maxLimit());
        return new DeadLetterPage(city, window.from(), window.to(), max, queries.count(city, window),
            queries.list(city, window, max));
    }

    @GetMapping("/count")
    @Operation(summary = "How many messages of a city were rejected in a range")
    DeadLetterCount count(@PathVariable String city,
                          @RequestParam(required = false) Instant from,
                          @RequestParam(required = false) Instant to) {
        cities.require(city);
        TimeWindow window = TimeWindow.resolve(from, to, clock, properties.defaultRange(), properties.maxRange());
        return new DeadLetterCount(city, window.from(), window.to(), queries.count(city, window));
    }
}
