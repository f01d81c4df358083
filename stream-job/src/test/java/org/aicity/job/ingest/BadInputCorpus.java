package org.aicity.job.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Kinds of bad input a sensor, a gateway or an attacker can send, each with the reason the
 * dead-letter store must give for it. Used by the operator test (every case on its own) and by
 * the end-to-end test (all of them through a real broker, job and database, between valid readings).
 *
 * <p>Timestamps are relative to {@code now}, the time the messages are received.
 */
final class BadInputCorpus {

    static final String SENSOR = "songdo-trf-0001";
    static final String TOPIC = "city/songdo/traffic/" + SENSOR;

    /**
     * One kind of bad input.
     *
     * @param before  messages to send first, on the same topic (the reading a conflicting seq contradicts)
     * @param reason  the reason expected among the dead letter's reasons; a trailing "..." means "starts with"
     * @param alsoValid readings of the same message that are valid and must be stored
     */
    record Case(String kind, String topic, byte[] payload, List<byte[]> before, String reason, int alsoValid) {
        boolean matches(String actual) {
            return reason.endsWith("...") ? actual.startsWith(reason.substring(0, reason.length() - 3)) : actual.equals(reason);
        }

        @Override
        public String toString() {
            return kind;
        }
    }

    private BadInputCorpus() {
    }

    /** A valid reading of {@link #SENSOR}, as JSON. */
    static String reading(long seq, Instant ts, String metrics) {
        return "{\"sensorId\":\"" + SENSOR + "\",\"ts\":\"" + ts + "\",\"seq\":" + seq + ",\"metrics\":{" + metrics + "}}";
    }

    static List<Case> cases(Instant now) {
        Instant ts = now.minus(Duration.ofMinutes(1));
        List<Case> c = new ArrayList<>();
        // seqs from 1000 up, one per case, so no case meets another in the dedup state
        c.add(text("malformed JSON", TOPIC, "{\"sensorId\":\"" + SENSOR + "\",\"ts\":",
            "payload: is not well-formed JSON: Unexpected end-of-input..."));
        c.add(new Case("empty payload", TOPIC, new byte[0], List.of(), "payload: is empty", 0));
        c.add(text("deeply nested JSON", TOPIC, "{\"x\":" + "[".repeat(50) + "]".repeat(50) + "}",
            "payload: exceeds a parser limit: Document nesting depth (9) exceeds the maximum allowed (8..."));
        c.add(new Case("non-UTF-8 bytes", TOPIC, reading(1001, ts, "\"intensity\":1").replace(SENSOR, "caf\u00e9")
            .getBytes(StandardCharsets.ISO_8859_1), List.of(), "payload: is not valid UTF-8 (Invalid UTF-8 middle byte...", 0));
        c.add(new Case("UTF-16 instead of UTF-8", TOPIC, reading(1002, ts, "\"intensity\":1").getBytes(StandardCharsets.UTF_16),
            List.of(), "payload: is not valid UTF-8 (it looks like UTF-16 or UTF-32); send UTF-8 JSON", 0));
        c.add(text("a string, not an object", TOPIC, "\"hello\"",
            "payload: must be a JSON object (one reading) or array (a batch), got a string"));
        c.add(text("content after the JSON value", TOPIC, reading(1003, ts, "\"intensity\":1") + " {}",
            "payload: unexpected content after the JSON value"));
        c.add(text("duplicate key", TOPIC, reading(1004, ts, "\"intensity\":1").replace("\"seq\":1004", "\"seq\":1004,\"seq\":1005"),
            "payload: is not well-formed JSON: Duplicate field 'seq'..."));
        c.add(text("sensorId of the wrong type", TOPIC, reading(1006, ts, "\"intensity\":1").replace("\"" + SENSOR + "\"", "42"),
            "sensorId: must be a string, got a number"));
        c.add(text("number as a string", TOPIC, reading(1007, ts, "\"intensity\":\"12\""),
            "metrics.intensity: must be a number, got a string"));
        c.add(text("NaN", TOPIC, reading(1008, ts, "\"intensity\":NaN"), "metrics.intensity: must be a finite number, got NaN"));
        c.add(text("Infinity", TOPIC, reading(1009, ts, "\"occupancy\":Infinity"),
            "metrics.occupancy: must be a finite number, got Infinity"));
        c.add(text("null value", TOPIC, reading(1010, ts, "\"intensity\":null"), "metrics.intensity: must be a number, got null"));
        c.add(text("nested object as a value", TOPIC, reading(1011, ts, "\"intensity\":{\"v\":1}"),
            "metrics.intensity: must be a number, got an object"));
        c.add(text("value above its range", TOPIC, reading(1012, ts, "\"occupancy\":1.5"),
            "metrics.occupancy: 1.5 is outside the valid range 0..1 ratio"));
        c.add(text("negative count", TOPIC, reading(1013, ts, "\"intensity\":-3"),
            "metrics.intensity: -3.0 is outside the valid range 0..400 vehicles/min"));
        c.add(text("missing seq", TOPIC, reading(1014, ts, "\"intensity\":1").replace(",\"seq\":1014", ""), "seq: is required"));
        c.add(text("missing ts", TOPIC, reading(1015, ts, "\"intensity\":1").replace("\"ts\":\"" + ts + "\",", ""), "ts: is required"));
        c.add(text("empty metrics", TOPIC, reading(1016, ts, ""), "metrics: must contain at least one metric"));
        c.add(text("metrics not an object", TOPIC, reading(1017, ts, "").replace("{}", "[1]"),
            "metrics: must be an object of metric name to number, got an array"));
        StringJoiner many = new StringJoiner(",");
        for (int i = 0; i < 33; i++) {
            many.add("\"intensity" + i + "\":1");
        }
        c.add(text("too many metrics", TOPIC, reading(1018, ts, many.toString()), "metrics: has more than 32 metrics"));
        c.add(text("unknown metric", TOPIC, reading(1019, ts, "\"horsepower\":1"),
            "metrics.horsepower: is not a known metric (see the metric catalogue)"));
        c.add(text("metric of another domain", TOPIC, reading(1020, ts, "\"pm25\":10"), "metrics.pm25: is not a traffic metric"));
        c.add(text("negative seq", TOPIC, reading(1021, ts, "\"intensity\":1").replace("1021", "-1"), "seq: must not be negative, got -1"));
        c.add(text("fractional seq", TOPIC, reading(1022, ts, "\"intensity\":1").replace("1022", "10.5"),
            "seq: must be a non-negative integer, got a number"));
        c.add(text("ts without a zone", TOPIC, reading(1023, ts, "\"intensity\":1").replace(ts.toString(), "2026-11-21T08:15:00"),
            "ts: '2026-11-21T08:15:00' is not an ISO-8601 timestamp with a zone, e.g. 2026-11-21T08:15:00Z"));
        c.add(text("ancient ts", TOPIC, reading(1024, Instant.parse("1999-12-31T23:59:59Z"), "\"intensity\":1"),
            "ts: 1999-12-31T23:59:59Z is before the earliest accepted time 2000-01-01T00:00:00Z"));
        Instant future = now.plus(Duration.ofDays(1));
        c.add(text("far-future ts", TOPIC, reading(1025, future, "\"intensity\":1"),
            "ts: " + future + " is more than 300 s ahead of the receive time ..."));
        c.add(text("epoch ts beyond 64 bits", TOPIC, reading(1026, ts, "\"intensity\":1").replace("\"" + ts + "\"", "99999999999999999999999"),
            "ts: epoch milliseconds 99999999999999999999999 are larger than a 64-bit integer"));
        c.add(text("payload sensor differs from the topic's", TOPIC, reading(1027, ts, "\"intensity\":1").replace(SENSOR, "songdo-trf-0002"),
            "sensorId: 'songdo-trf-0002' does not match the topic's sensor '" + SENSOR + "'"));
        c.add(text("unknown sensor", "city/songdo/traffic/songdo-trf-9999",
            reading(1028, ts, "\"intensity\":1").replace(SENSOR, "songdo-trf-9999"),
            "sensorId: unknown sensor 'songdo-trf-9999' in city 'songdo' (not in the city definition)"));
        c.add(text("unknown domain in the topic", "city/songdo/weather/" + SENSOR, reading(1029, ts, "\"intensity\":1"),
            "topic.domain: 'weather' is not one of traffic, energy, environment"));
        c.add(text("upper-case sensor id in the topic", "city/songdo/traffic/SONGDO-TRF-0001", reading(1030, ts, "\"intensity\":1"),
            "topic.sensorId: 'SONGDO-TRF-0001' is not a valid id ([a-z0-9][a-z0-9_-]{0,63})"));
        c.add(new Case("oversized payload", TOPIC, oversized(), List.of(), "payload: 1126400 bytes exceeds the limit of 1048576 bytes", 0));
        c.add(text("batch of more than 5,000", TOPIC, "[" + "1,".repeat(5_000) + "1]", "payload: batch has more than 5000 readings"));
        c.add(text("empty batch", TOPIC, "[]", "payload: batch is empty"));
        c.add(text("batch with one bad element", TOPIC, "[" + reading(1031, ts, "\"intensity\":3") + ",42]",
            "[1]: must be a reading object, got a number", 1));
        String original = reading(1032, ts, "\"intensity\":7");
        c.add(new Case("seq reused for another reading", TOPIC, reading(1032, ts, "\"intensity\":8").getBytes(StandardCharsets.UTF_8),
            List.of(original.getBytes(StandardCharsets.UTF_8)),
            "seq: 1032 was already used for a different reading (same ts " + ts + ", other metric values); the first one is kept", 0));
        return List.copyOf(c);
    }

    private static Case text(String kind, String topic, String payload, String reason) {
        return text(kind, topic, payload, reason, 0);
    }

    private static Case text(String kind, String topic, String payload, String reason, int alsoValid) {
        return new Case(kind, topic, payload.getBytes(StandardCharsets.UTF_8), List.of(), reason, alsoValid);
    }

    private static byte[] oversized() {
        byte[] b = new byte[1100 * 1024];
        java.util.Arrays.fill(b, (byte) ' ');
        b[0] = '{';
        b[b.length - 1] = '}';
        return b;
    }
}
