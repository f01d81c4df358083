package org.aicity.sim.incident;

import org.aicity.sim.truth.GroundTruthEvent.Category;
import org.aicity.sim.truth.GroundTruthEvent.Kind;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An incident or sensor fault to inject.
 *
 * <p>What it targets depends on the kind: a traffic accident happens at one traffic sensor (the
 * queue grows upstream along that sensor's corridor); a sensor fault or a PV outage hits the
 * listed sensors; a heatwave or a pollution episode covers a district, or the whole city when the
 * district is null.
 *
 * @param severity scales the effects, 0 (none) to 1 (the full effect); 1 by default
 */
public record PlannedIncident(Kind kind, List<String> sensors, String district, Instant start, Instant end,
                              double severity) {

    public PlannedIncident {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        sensors = sensors == null ? List.of() : List.copyOf(sensors);
        if (kind.category() == Category.TRANSPORT_FAULT) {
            throw new IllegalArgumentException(kind.wireName() + " is a transport fault; those are injected at a rate, "
                + "not scheduled");
        }
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException(kind.wireName() + " must end after it starts: " + start + " .. " + end);
        }
        if (!(severity > 0 && severity <= 1)) {
            throw new IllegalArgumentException("severity must be in (0, 1], got " + severity);
        }
        boolean areaWide = kind == Kind.HEATWAVE || kind == Kind.POLLUTION_EPISODE;
        if (!areaWide && sensors.isEmpty()) {
            throw new IllegalArgumentException(kind.wireName() + " needs the sensors it hits"
                + (kind == Kind.TRAFFIC_ACCIDENT ? " (one traffic sensor on a corridor: where it happens)" : ""));
        }
        if (kind == Kind.TRAFFIC_ACCIDENT && sensors.size() != 1) {
            throw new IllegalArgumentException("traffic-accident happens at exactly one traffic sensor, got " + sensors);
        }
    }
}
