package org.aicity.job.mqtt;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How the MQTT source connects and subscribes.
 *
 * @param serverUri         e.g. {@code tcp://localhost:1883}
 * @param topicFilter       e.g. {@code city/+/+/+} (reading topics only; {@code /meta} has five levels)
 * @param clientId          prefix of the client ids; split {@code n} connects as {@code clientId-n}, so a
 *                          restarted reader resumes that split's persistent session
 * @param sharedGroup       the shared-subscription group ({@code $share/group/filter}); null or blank for
 *                          a plain subscription, which is only correct with parallelism 1
 * @param sessionExpiry     how long the broker keeps the session (and queues QoS 1 messages) while the
 *                          job is down
 * @param receiveMaximum    QoS 1 messages the broker may have unacknowledged per connection; with
 *                          {@link AckMode#CHECKPOINT} this bounds the messages per checkpoint interval
 * @param queueCapacity     received messages buffered per reader before the MQTT client is slowed down
 */
public record MqttSourceSettings(String serverUri, String topicFilter, String clientId, String username, String password,
                                 AckMode ackMode, String sharedGroup, Duration sessionExpiry, int receiveMaximum,
                                 Duration keepAlive, Duration connectTimeout, Duration maxReconnectDelay, int queueCapacity)
    implements Serializable {

    public static final String DEFAULT_SHARED_GROUP = "aicity-stream-job";

    public MqttSourceSettings {
        Objects.requireNonNull(serverUri, "serverUri");
        Objects.requireNonNull(topicFilter, "topicFilter");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(ackMode, "ackMode");
        if (receiveMaximum < 1 || receiveMaximum > 65_535) {
            throw new IllegalArgumentException("receiveMaximum must be 1..65535, got " + receiveMaximum);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be positive");
        }
    }

    /** Defaults: shared group {@value #DEFAULT_SHARED_GROUP}, 1 h session expiry, receive maximum 10 000. */
    public static MqttSourceSettings of(String serverUri, String topicFilter, String clientId, AckMode ackMode) {
        return new MqttSourceSettings(serverUri, topicFilter, clientId, null, null, ackMode, DEFAULT_SHARED_GROUP,
            Duration.ofHours(1), 10_000, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(30), 10_000);
    }

    public MqttSourceSettings withCredentials(String user, String pass) {
        return new MqttSourceSettings(serverUri, topicFilter, clientId, user, pass, ackMode, sharedGroup, sessionExpiry,
            receiveMaximum, keepAlive, connectTimeout, maxReconnectDelay, queueCapacity);
    }

    public MqttSourceSettings withSession(String group, Duration expiry, int receiveMax) {
        return new MqttSourceSettings(serverUri, topicFilter, clientId, username, password, ackMode, group, expiry,
            receiveMax, keepAlive, connectTimeout, maxReconnectDelay, queueCapacity);
    }

    /** The filter actually subscribed to. */
    public String subscriptionFilter() {
        return sharedGroup == null || sharedGroup.isBlank() ? topicFilter : "$share/" + sharedGroup + "/" + topicFilter;
    }

    @Override
    public String toString() {
        return "MqttSourceSettings[" + serverUri + ", subscription=" + subscriptionFilter() + ", clientId=" + clientId
            + ", user=" + username + ", ackMode=" + ackMode + ", sessionExpiry=" + sessionExpiry
            + ", receiveMaximum=" + receiveMaximum + "]";
    }
}
