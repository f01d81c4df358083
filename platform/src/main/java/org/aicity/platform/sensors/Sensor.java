package org.aicity.platform.sensors;

import java.time.Instant;
import java.util.List;

/**
 * A sensor as the API shows it.
 *
 * @param domain wire name: traffic, energy or environment
 */
public record Sensor(String id, String cityId, String domain, String kind, String district,
                     Double lat, Double lon, List<String> metrics, Instant registeredAt) {
    public Sensor {
        metrics = List.copyOf(metrics);
    }
}
