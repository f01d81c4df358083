package org.aicity.job.ingest;

import java.util.Arrays;
import java.util.Objects;

/**
 * One MQTT message as it arrived, before any parsing: the topic, the raw payload bytes and the
 * wall-clock time it was received (epoch milliseconds, used for the future-timestamp check).
 */
public record RawMessage(String topic, byte[] payload, long receivedAtMillis) {

    public RawMessage {
        Objects.requireNonNull(topic, "topic");
        payload = payload == null ? new byte[0] : payload;
    }

    /**
     * The key a message is partitioned and deduplicated by: city and sensor as named in the topic.
     * The codec rejects every reading whose sensorId differs from the topic's, so all readings of
     * one message share this key. A topic that is not a reading topic keys by itself; it can only
     * produce a dead letter.
     */
    public String sensorKey() {
        String[] parts = topic.split("/", -1);
        return parts.length == 4 && "city".equals(parts[0]) ? parts[1] + "/" + parts[3] : topic;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawMessage m && topic.equals(m.topic) && receivedAtMillis == m.receivedAtMillis
            && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, receivedAtMillis) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "RawMessage[topic=" + topic + ", " + payload.length + " bytes, receivedAtMillis=" + receivedAtMillis + "]";
    }
}
