package org.aicity.model;

import java.util.Set;

/**
 * One metric of the catalogue: its Smart Data Models name, the unit values are carried and stored
 * in, the physically plausible range, and the domains whose sensors may report it.
 */
public record MetricSpec(String name, String unit, String description, double min, double max,
                         Set<Domain> domains) {
    public MetricSpec {
        if (!(min < max)) {
            throw new IllegalArgumentException("metric " + name + ": min must be below max");
        }
        domains = Set.copyOf(domains);
    }

    public boolean inRange(double v) {
        return v >= min && v <= max;
    }
}
