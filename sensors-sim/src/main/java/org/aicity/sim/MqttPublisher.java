package org.aicity.sim;

import org.aicity.model.mqtt.MqttSocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Publishes over one or more Paho MQTT v5 connections. Each connection has an in-flight window (a
 * semaphore) no larger than the broker's Receive Maximum, so Paho rarely refuses a publish; when it
 * does (32202 too many publishes in progress, 32001 no message ids) the publish waits briefly and
 * is retried. While a connection reconnects, publishes wait for it up to {@link #RECONNECT_WAIT}.
 */
final class MqttPublisher implements AutoCloseable {

    /** Outcome of one publish; called once, from Paho's callback thread or the publishing thread. */
    interface Outcome {
        void acknowledged();

        void failed(String reason);
    }

    static final int MAX_WINDOW = 1_000;
    static final Duration RECONNECT_WAIT = Duration.ofSeconds(30);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);

    private final List<Connection> connections;
    private final BooleanSupplier stopRequested;
    private final LatencyHistogram latency;

    private MqttPublisher(List<Connection> connections, BooleanSupplier stopRequested, LatencyHistogram latency) {
        this.connections = connections;
        this.stopRequested = stopRequested;
        this.latency = latency;
    }

    /** Connects every connection of the configuration, or none. */
    static MqttPublisher connect(SimulatorConfig config, BooleanSupplier stopRequested) throws MqttException {
        return connect(config, stopRequested, null);
    }

    /**
     * Connects every connection of the configuration, or none.
     *
     * @param latency records the time from handing each message to Paho to its acknowledgement; may be null
     */
    static MqttPublisher connect(SimulatorConfig config, BooleanSupplier stopRequested, LatencyHistogram latency)
        throws MqttException {
        List<Connection> opened = new ArrayList<>();
        try {
            for (int i = 0; i < config.connections(); i++) {
                opened.add(Connection.open(config, config.clientIdPrefix() + "-" + i));
            }
        } catch (MqttException | RuntimeException e) {
            opened.forEach(Connection::close);
            throw e;
        }
        return new MqttPublisher(List.copyOf(opened), stopRequested, latency);
    }

    /** The connection a sensor always uses, so that its messages arrive in the order they were sent. */
    private Connection connectionFor(int sensorIndex) {
        return connections.get(sensorIndex % connections.size());
    }

    /**
     * Hands a message to Paho, waiting for room in the connection's window first. The outcome is
     * reported once: acknowledged when the PUBACK arrives (at QoS 0 when written), else failed.
     */
    void publish(int sensorIndex, String topic, byte[] payload, int qos, boolean retained, Outcome outcome)
        throws InterruptedException {
        Connection c = connectionFor(sensorIndex);
        while (!c.window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
            if (stopRequested.getAsBoolean()) {
                outcome.failed("run stopped while waiting for in-flight messages");
                return;
            }
        }
        MqttMessage message = new MqttMessage(payload, qos, retained, null);
        long reconnectDeadline = 0;
        while (true) {
            try {
                c.client.publish(topic, message, null, new Listener(c, outcome, System.nanoTime(), latency));
                return;
            } catch (MqttException e) {
                int code = e.getReasonCode();
                if (code == MqttClientException.REASON_CODE_MAX_INFLIGHT
                    || code == MqttClientException.REASON_CODE_NO_MESSAGE_IDS_AVAILABLE) {
                    Thread.sleep(1);
                    continue;
                }
                if (code == MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED
                    || code == MqttClientException.REASON_CODE_CONNECT_IN_PROGRESS) {
                    long now = System.nanoTime();
                    reconnectDeadline = reconnectDeadline == 0 ? now + RECONNECT_WAIT.toNanos() : reconnectDeadline;
                    if (now < reconnectDeadline && !stopRequested.getAsBoolean()) {
                        Thread.sleep(50);
                        continue;
                    }
                }
                outcome.failed("publish refused: " + e);
                c.window.release();
                return;
            }
        }
    }

    /** Waits until no message is in flight on any connection; false if the time ran out first. */
    boolean awaitNothingInFlight(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Connection c : connections) {
            long left = deadline - System.nanoTime();
            if (!c.window.tryAcquire(c.windowSize, Math.max(0, left), TimeUnit.NANOSECONDS)) {
                return false;
            }
            c.window.release(c.windowSize);
        }
        return true;
    }

    @Override
    public void close() {
        connections.forEach(Connection::close);
    }

    private static final class Connection {
        final String clientId;
        final MqttAsyncClient client;
        final int windowSize;
        final Semaphore window;

        private Connection(String clientId, MqttAsyncClient client, int windowSize) {
            this.clientId = clientId;
            this.client = client;
            this.windowSize = windowSize;
            this.window = new Semaphore(windowSize);
        }

        static Connection open(SimulatorConfig config, String clientId) throws MqttException {
            // in-memory: Paho's default file persistence would litter the working directory
            MqttAsyncClient client = new MqttAsyncClient(config.brokerUrl(), clientId, new MemoryPersistence());
            client.setCallback(new ConnectionLog(clientId));
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            o.setAutomaticReconnect(true);
            o.setAutomaticReconnectDelay(1, 10);
            o.setKeepAliveInterval(30);
            o.setConnectionTimeout((int) CONNECT_TIMEOUT.toSeconds());
            if (config.username() != null && !config.username().isBlank()) {
                o.setUserName(config.username());
                if (config.password() != null) {
                    o.setPassword(config.password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            if (config.brokerUrl().startsWith("tcp://")) {
                o.setSocketFactory(new MqttSocketFactory());
            }
            try {
                IMqttToken token = client.connect(o);
                token.waitForCompletion(CONNECT_TIMEOUT.toMillis() + 1_000);
                Integer receiveMaximum = token.getResponseProperties() == null ? null
                    : token.getResponseProperties().getReceiveMaximum();
                int window = Math.min(MAX_WINDOW, receiveMaximum == null ? 65_535 : receiveMaximum);
                LOG.debug("{} connected to {}; broker receive maximum {}, window {}", clientId, config.brokerUrl(),
                    receiveMaximum, window);
                return new Connection(clientId, client, window);
            } catch (MqttException e) {
                client.close(true);
                throw e;
            }
        }

        void close() {
            try {
                if (client.isConnected()) {
                    client.disconnect(5_000).waitForCompletion(10_000);
                }
            } catch (MqttException e) {
                LOG.warn("{}: clean disconnect failed: {}", clientId, e.toString());
            }
            try {
                client.close(true);
            } catch (MqttException e) {
                LOG.warn("{}: close failed: {}", clientId, e.toString());
            }
        }
    }

    /** Reports a publish's outcome before it frees the window slot, so counts are final once the window is empty. */
    private record Listener(Connection connection, Outcome outcome, long sentNanos, LatencyHistogram latency)
        implements MqttActionListener {
        @Override
        public void onSuccess(IMqttToken token) {
            int[] codes = token.getReasonCodes();
            if (codes != null && Arrays.stream(codes).anyMatch(c -> c >= 0x80)) {
                outcome.failed("broker refused the message with reason code " + Arrays.toString(codes));
            } else {
                if (latency != null) {
                    latency.record(System.nanoTime() - sentNanos);
                }
                outcome.acknowledged();
            }
            connection.window.release();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable exception) {
            outcome.failed(String.valueOf(exception));
            connection.window.release();
        }
    }

    /** Says in the log when a connection drops and comes back. */
    private record ConnectionLog(String clientId) implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.warn("{}: connection lost ({}); reconnecting", clientId, response.getException() != null
                ? response.getException().toString() : response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("{}: MQTT error {}", clientId, exception.toString());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // publish-only client
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // outcomes are handled per publish by Listener
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            if (reconnect) {
                LOG.info("{}: reconnected to {}", clientId, serverURI);
            }
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
