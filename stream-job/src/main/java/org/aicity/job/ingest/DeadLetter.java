package org.aicity.job.ingest;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A message, or one element of a gateway batch, that failed validation; stored with its raw bytes
 * and every reason. Keyed by the payload's SHA-256 and the element index (-1 = the whole message)
 * so a redelivered bad message is stored once.
 *
 * @param cityId   the topic's city, when the topic could be read
 * @param sensorId the sensor the message or element claimed, when it could be read
 */
public record DeadLetter(byte[] payloadSha256, int elementIndex, Instant receivedAt, String topic,
                         String cityId, String sensorId, byte[] payload, String[] reasons) {

    public List<String> reasonList() {
        return List.of(reasons);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d && elementIndex == d.elementIndex && Arrays.equals(payloadSha256, d.payloadSha256)
            && Objects.equals(receivedAt, d.receivedAt) && Objects.equals(topic, d.topic)
            && Objects.equals(cityId, d.cityId) && Objects.equals(sensorId, d.sensorId)
            && Arrays.equals(payload, d.payload) && Arrays.equals(reasons, d.reasons);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payloadSha256) * 31 + elementIndex;
    }

    @Override
    public String toString() {
        return "DeadLetter[topic=" + topic + ", element=" + elementIndex + ", sensor=" + sensorId
            + ", reasons=" + Arrays.toString(reasons) + "]";
    }
}
