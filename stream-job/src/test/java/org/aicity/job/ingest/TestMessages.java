package org.aicity.job.ingest;

import org.aicity.model.Reading;
import org.aicity.model.ReadingCodec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds raw MQTT messages for tests with the real codec. */
public final class TestMessages {

    public static final ReadingCodec CODEC = new ReadingCodec();
    public static final Instant T0 = Instant.parse("2026-11-21T08:15:00Z");

    private TestMessages() {
    }

    public static String trafficTopic(String sensorId) {
        return "city/songdo/traffic/" + sensorId;
    }

    public static Reading traffic(String sensorId, long seq, Instant ts, double intensity, double speed) {
        return new Reading(sensorId, ts, seq, Map.of("intensity", intensity, "averageVehicleSpeed", speed));
    }

    public static RawMessage message(Reading r) {
        return new RawMessage(trafficTopic(r.sensorId()), CODEC.encode(r), r.ts().toEpochMilli() + 100);
    }

    public static RawMessage batch(String sensorId, List<Reading> readings) {
        Instant latest = readings.stream().map(Reading::ts).max(Instant::compareTo).orElse(T0);
        return new RawMessage(trafficTopic(sensorId), CODEC.encodeBatch(readings), latest.toEpochMilli() + 100);
    }

    public static RawMessage text(String topic, String payload, Instant receivedAt) {
        return new RawMessage(topic, payload.getBytes(StandardCharsets.UTF_8), receivedAt.toEpochMilli());
    }
}
