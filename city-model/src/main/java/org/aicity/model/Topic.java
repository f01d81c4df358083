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

    /** The longest id {@link #ID} accepts. */
    public static final int MAX_ID_LENGTH = 64;

    public Topic {
        // A record's canonical constructor cannot be private, so it always validates; the check is
        // a short loop over ASCII characters, so a topic built by parse() pays almost nothing for it.
        if (!isValidId(cityId) || !isValidId(sensorId)) {
            throw new IllegalArgumentException("invalid topic ids: " + cityId + "/" + sensorId);
        }
    }

    /**
     * Whether {@code s} is an id, i.e. {@code ID.matcher(s).matches()}, without a regex: a lower-case
     * ASCII letter or digit, then 0 to 63 lower-case ASCII letters, digits, '_' or '-'.
     *
     * @throws NullPointerException if {@code s} is null, as the matcher does
     */
    public static boolean isValidId(String s) {
        int n = s.length();
        if (n == 0 || n > MAX_ID_LENGTH) {
            return false;
        }
        char c = s.charAt(0);
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
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
        if (topic == null || topic.isEmpty()) {
            return new Parsed(null, List.of(new Violation("topic", "is empty")));
        }
        // city/{cityId}/{domain}/{sensorId}: exactly three '/', as topic.split("/", -1) giving 4 parts
        int s1 = topic.indexOf('/');
        int s2 = s1 < 0 ? -1 : topic.indexOf('/', s1 + 1);
        int s3 = s2 < 0 ? -1 : topic.indexOf('/', s2 + 1);
        if (s3 < 0 || topic.indexOf('/', s3 + 1) >= 0 || s1 != 4 || !topic.startsWith("city")) {
            return new Parsed(null, List.of(new Violation("topic",
                "'" + topic + "' does not have the form city/{cityId}/{domain}/{sensorId}")));
        }
        String cityId = topic.substring(s1 + 1, s2);
        String domain = topic.substring(s2 + 1, s3);
        String sensorId = topic.substring(s3 + 1);
        boolean cityOk = isValidId(cityId);
        Domain d = Domain.byWireName(domain);
        boolean sensorOk = isValidId(sensorId);
        if (cityOk && d != null && sensorOk) {
            return new Parsed(new Topic(cityId, d, sensorId), List.of());
        }
        List<Violation> v = new ArrayList<>(3);
        if (!cityOk) {
            v.add(new Violation("topic.cityId", "'" + cityId + "' is not a valid id (" + ID.pattern() + ")"));
        }
        if (d == null) {
            v.add(new Violation("topic.domain", "'" + domain + "' is not one of traffic, energy, environment"));
        }
        if (!sensorOk) {
            v.add(new Violation("topic.sensorId", "'" + sensorId + "' is not a valid id (" + ID.pattern() + ")"));
        }
        return new Parsed(null, List.copyOf(v));
    }

    /** A parse outcome: a topic, or the reasons there is none. */
    public record Parsed(Topic topic, List<Violation> violations) {
        public boolean ok() {
            return topic != null;
        }
    }
}
