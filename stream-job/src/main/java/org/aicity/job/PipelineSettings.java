package org.aicity.job;

import org.aicity.model.CityDefinition;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the pipeline treats time and identity.
 *
 * @param pipelineName       the name in ingest_status
 * @param outOfOrderness     how far behind the newest event time a reading may arrive and still be
 *                           in time for its window (the watermark lag)
 * @param idleTimeout        a parallel stream without readings for this long stops holding back
 *                           the watermark
 * @param allowedLateness    how long after the watermark passes a window a late reading still
 *                           updates it (a late firing upserts the row)
 * @param dedupTtl           how far behind a sensor's newest reading (event time) its readings are remembered for deduplication
 *                           (processing time)
 * @param statusInterval     the least time between two status records of one ingest subtask
 * @param knownSensorsByCity sensor ids per city; a reading of a listed city from an unlisted
 *                           sensor is a dead letter. Cities not listed are not checked.
 */
public record PipelineSettings(String pipelineName, Duration outOfOrderness, Duration idleTimeout, Duration allowedLateness,
                               Duration dedupTtl, Duration statusInterval, Map<String, Set<String>> knownSensorsByCity) {

    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofSeconds(5);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ofMinutes(5);
    public static final Duration DEFAULT_DEDUP_TTL = Duration.ofMinutes(10);
    public static final Duration DEFAULT_STATUS_INTERVAL = Duration.ofSeconds(1);

    public PipelineSettings {
        if (pipelineName == null || pipelineName.isBlank()) {
            throw new IllegalArgumentException("pipelineName is required");
        }
        if (outOfOrderness.isNegative() || idleTimeout.isNegative() || allowedLateness.isNegative()
            || dedupTtl.isNegative() || dedupTtl.isZero() || statusInterval.isNegative() || statusInterval.isZero()) {
            throw new IllegalArgumentException("durations must not be negative (dedupTtl and statusInterval positive)");
        }
        Map<String, Set<String>> copy = new HashMap<>();
        knownSensorsByCity.forEach((city, ids) -> copy.put(city, Set.copyOf(ids)));
        knownSensorsByCity = Map.copyOf(copy);
    }

    /** Defaults for every duration; no sensor check. */
    public static PipelineSettings defaults(String pipelineName) {
        return new PipelineSettings(pipelineName, DEFAULT_OUT_OF_ORDERNESS, DEFAULT_IDLE_TIMEOUT, DEFAULT_ALLOWED_LATENESS,
            DEFAULT_DEDUP_TTL, DEFAULT_STATUS_INTERVAL, Map.of());
    }

    /** These settings, accepting only the sensors the given cities define. */
    public PipelineSettings withKnownSensorsOf(Collection<CityDefinition> cities) {
        Map<String, Set<String>> known = cities.stream().collect(Collectors.toMap(CityDefinition::id,
            c -> c.sensors().stream().map(CityDefinition.SensorDefinition::id).collect(Collectors.toSet())));
        return new PipelineSettings(pipelineName, outOfOrderness, idleTimeout, allowedLateness, dedupTtl, statusInterval, known);
    }

    public PipelineSettings withTimes(Duration outOfOrderness, Duration idleTimeout, Duration allowedLateness, Duration dedupTtl) {
        return new PipelineSettings(pipelineName, outOfOrderness, idleTimeout, allowedLateness, dedupTtl, statusInterval,
            knownSensorsByCity);
    }
}
