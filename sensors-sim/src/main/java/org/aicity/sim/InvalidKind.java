package org.aicity.sim;

import org.aicity.model.MetricCatalogue;
import org.aicity.model.MetricSpec;
import org.aicity.model.Reading;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * The kinds of invalid message the simulator interleaves for end-to-end tests, in the order it
 * cycles through them. Each is one message on a valid reading topic that ingest must reject whole
 * (one dead letter, no reading).
 */
public enum InvalidKind {
    /** JSON cut off in the middle of the metrics object. */
    MALFORMED_JSON,
    /** A metric above its catalogue maximum. */
    OUT_OF_RANGE,
    /** A metric name the catalogue does not know, beside valid ones. */
    UNKNOWN_METRIC,
    /** The payload names another sensor than the topic does. */
    SENSOR_MISMATCH,
    /** No {@code ts} and no {@code seq}. */
    MISSING_FIELDS,
    /** A metric value given as the string "NaN". */
    NAN_AS_STRING,
    /** A payload of zero bytes. */
    EMPTY_PAYLOAD;

    static InvalidKind nth(long n) {
        return values()[(int) (n % values().length)];
    }

    /**
     * The payload, derived from a valid reading of the sensor whose topic it is published on.
     *
     * @param otherSensorId a different valid sensor id, for {@link #SENSOR_MISMATCH}
     */
    byte[] payload(Reading valid, String otherSensorId) {
        String metrics = metricsJson(valid.metrics(), name -> null);
        String first = valid.metrics().keySet().iterator().next();
        String json = switch (this) {
            case MALFORMED_JSON -> head(valid.sensorId(), valid) + ",\"metrics\":{\"" + first + "\":";
            case OUT_OF_RANGE -> {
                MetricSpec spec = MetricCatalogue.standard().find(first).orElseThrow();
                double tooHigh = spec.max() + Math.max(1, Math.abs(spec.max()));
                yield head(valid.sensorId(), valid) + ",\"metrics\":" + metricsJson(Map.of(first, tooHigh), name -> null) + "}";
            }
            case UNKNOWN_METRIC -> head(valid.sensorId(), valid) + ",\"metrics\":"
                + metrics.substring(0, metrics.length() - 1) + ",\"fluxCapacitance\":1.21}}";
            case SENSOR_MISMATCH -> head(otherSensorId, valid) + ",\"metrics\":" + metrics + "}";
            case MISSING_FIELDS -> "{\"sensorId\":\"" + valid.sensorId() + "\",\"metrics\":" + metrics + "}";
            case NAN_AS_STRING -> head(valid.sensorId(), valid) + ",\"metrics\":"
                + metricsJson(valid.metrics(), name -> name.equals(first) ? "\"NaN\"" : null) + "}";
            case EMPTY_PAYLOAD -> "";
        };
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String head(String sensorId, Reading r) {
        return "{\"sensorId\":\"" + sensorId + "\",\"ts\":\"" + r.ts() + "\",\"seq\":" + r.seq();
    }

    /** The metrics object; {@code override} may replace a metric's JSON value (null keeps the number). */
    private static String metricsJson(Map<String, Double> metrics, Function<String, String> override) {
        StringBuilder b = new StringBuilder("{");
        metrics.forEach((name, value) -> {
            if (b.length() > 1) {
                b.append(',');
            }
            String replaced = override.apply(name);
            b.append('"').append(name).append("\":").append(replaced != null ? replaced : Double.toString(value));
        });
        return b.append('}').toString();
    }
}
