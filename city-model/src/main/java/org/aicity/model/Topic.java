package org.aicity.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A reading topic, {@code city/{cityId}/{domain}/{sensorId}}. A sensor's retained description is
 * published on the same topic with a {@code /meta} suffix.
 */
public record Topic(String cityId, Domain domain, String sensorId) {

    /** Ids are lower-case ASCII letters, digits, '-' and '_', 1 to 64 characters. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    public static final String META_SUFFIX = "/meta";

    public Topic {
        if (!ID.matcher(cityId).matches() || !ID.matcher(sensorId).matches()) {
            throw new IllegalArgumentException("invalid topic ids: " + cityId + "/" + sensorId);
        }
    }

    public String name() {
        return "city/" + cityId + "/" + domain.wireName() + "/" + sensorId;
    }

    public String metaName() {
        return name() + META_SUFFIX;
    }

    /** The subscription filter for every reading of a city ("+" for all cities). */
    public static String readingsFilter(String cityIdOrPlus) {
        return "city/" + cityIdOrPlus + "/+/+";
    }

    @Override
    public String toString() {
        return name();
    }

    /** Parses a reading topic; the result carries every reason it is not one. */
    public static Parsed parse(String topic) {
        List<Violation> v = new ArrayList<>();
        if (topic == null || topic.isEmpty()) {
            return new Parsed(null, List.of(new Violation("topic", "is empty")));
        }
        String[] parts = topic.split("/", -1);
        if (parts.length != 4 || !"city".equals(parts[0])) {
            return new Parsed(null, List.of(new Violation("topic",
                "'" + topic + "' does not have the form city/{cityId}/{domain}/{sensorId}")));
        }
        if (!ID.matcher(parts[1]).matches()) {
            v.add(new Violation("topic.cityId", "'" + parts[1] + "' is not a valid id (" + ID.pattern() + ")"));
        }
        Domain d = Domain.fromWire(parts[2]).orElse(null);
        if (d == null) {
            v.add(new Violation("topic.domain", "'" + parts[2] + "' is not one of traffic, energy, environment"));
        }
        if (!ID.matcher(parts[3]).matches()) {
            v.add(new Violation("topic.sensorId", "'" + parts[3] + "' is not a valid id (" + ID.pattern() + ")"));
        }
        return v.isEmpty() ? new Parsed(new Topic(parts[1], d, parts[3]), List.of()) : new Parsed(null, List.copyOf(v));
    }

    /** A parse outcome: a topic, or the reasons there is none. */
    public record Parsed(Topic topic, List<Violation> violations) {
        public boolean ok() {
            return topic != null;
        }
    }
}
