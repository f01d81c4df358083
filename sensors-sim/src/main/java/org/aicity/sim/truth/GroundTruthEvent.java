package org.aicity.sim.truth;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One injected event: an incident, a sensor fault or a transport fault.
 *
 * @param id       unique in its file; the same seed and start time give the same ids
 * @param kind     what was injected
 * @param city     the city id
 * @param district the district an area-wide event covers, or null when it covers the whole city or
 *                 is tied to sensors rather than to an area
 * @param corridor the corridor of a traffic accident, else null
 * @param sensors  every sensor whose readings the event changes (for transport faults: the sensor
 *                 whose message was affected); sorted
 * @param start    event time from which the effects apply (inclusive)
 * @param end      event time at which the event ends (exclusive); for a transport fault, the event
 *                 time of the last reading of the affected message. Some effects fade out after the
 *                 end (a queue takes minutes to clear); see the README
 * @param effects  what a detector should see; empty for transport faults
 * @param detail   kind-specific facts as strings (e.g. {@code seq}, {@code delay}, {@code skew},
 *                 {@code segment}, {@code source}); never null
 */
public record GroundTruthEvent(String id, Kind kind, String city, String district, String corridor,
                               List<String> sensors, Instant start, Instant end, List<Effect> effects,
                               Map<String, String> detail) {

    public GroundTruthEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        sensors = sensors == null ? List.of() : List.copyOf(sensors);
        effects = effects == null ? List.of() : List.copyOf(effects);
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }

    public Category category() {
        return kind.category();
    }

    /** Whether the event is in force at an instant of event time. */
    public boolean covers(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    /** The three families of injected event. */
    public enum Category {
        /** Something happened in the city; the readings are right. */
        INCIDENT,
        /** A sensor misreports; the city is fine. */
        SENSOR_FAULT,
        /** The reading is right but its delivery is not (duplicate, late, out of order, skewed, malformed). */
        TRANSPORT_FAULT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** What was injected; {@link #wireName()} is the {@code kind} of a JSON line. */
    public enum Kind {
        TRAFFIC_ACCIDENT(Category.INCIDENT),
        HEATWAVE(Category.INCIDENT),
        POLLUTION_EPISODE(Category.INCIDENT),
        PV_OUTAGE(Category.INCIDENT),
        STUCK_VALUE(Category.SENSOR_FAULT),
        DRIFT(Category.SENSOR_FAULT),
        DROPOUT(Category.SENSOR_FAULT),
        SPIKES(Category.SENSOR_FAULT),
        DUPLICATE(Category.TRANSPORT_FAULT),
        OUT_OF_ORDER(Category.TRANSPORT_FAULT),
        LATE(Category.TRANSPORT_FAULT),
        CLOCK_SKEW(Category.TRANSPORT_FAULT),
        MALFORMED(Category.TRANSPORT_FAULT);

        private final Category category;

        Kind(Category category) {
            this.category = category;
        }

        public Category category() {
            return category;
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The kind of a wire name such as {@code traffic-accident}. */
        public static Kind ofWireName(String s) {
            for (Kind k : values()) {
                if (k.wireName().equals(s)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown kind '" + s + "'; kinds are "
                + java.util.Arrays.stream(values()).map(Kind::wireName).toList());
        }
    }

    /** The direction of an expected change. */
    public enum Change {
        /** Higher than without the event. */
        INCREASE,
        /** Lower than without the event ({@code ratio} 0: zero). */
        DECREASE,
        /** The same value in every reading ({@code value}). */
        STUCK,
        /** Moves away from the truth steadily ({@code delta} per hour). */
        DRIFT,
        /** No readings. */
        MISSING,
        /** Isolated readings far above the truth. */
        SPIKES;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Change ofWireName(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * An expected effect on one metric of some sensors.
     *
     * @param ratio value with the event ÷ value without it, where the simulator applies a fixed
     *              factor (at full strength); else null
     * @param delta value with the event − value without it (in the metric's unit; per hour for
     *              {@link Change#DRIFT}), where the simulator applies a fixed offset; else null
     * @param value the constant value of {@link Change#STUCK}; else null
     */
    public record Effect(String metric, Change change, List<String> sensors, Double ratio, Double delta, Double value) {
        public Effect {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(change, "change");
            sensors = sensors == null ? List.of() : List.copyOf(sensors);
        }
    }
}
