package org.aicity.job.mqtt;

import org.aicity.job.ingest.RawMessage;
import org.aicity.model.mqtt.MqttSocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The MQTT v5 connection of one split: a persistent session (clean start off) with a QoS 1
 * subscription, reconnected with exponential backoff whenever it drops, the first connect included.
 * Messages go to the reader's queue; acks are sent by the reader.
 */
final class MqttSplitConnection implements MqttCallback {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSplitConnection.class);
    private static final long FIRST_RETRY_MILLIS = 250;

    /** Where received messages go; may block to slow the client down. */
    interface Receiver {
        void received(Received message) throws InterruptedException;

        void failed(Throwable cause);
    }

    /** A received message with what is needed to acknowledge it. */
    record Received(MqttSplitConnection connection, long connectionEpoch, int messageId, int qos, RawMessage message) {
    }

    private final MqttSplit split;
    private final MqttSourceSettings settings;
    private final Receiver receiver;
    private final ScheduledExecutorService scheduler;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;

    private volatile boolean closed;
    /**
     * Bumped on every connect. Acks of messages received on an earlier connection are never sent:
     * the broker resends every unacknowledged message on the new connection (MQTT 5, 4.4), and an
     * ack of the old copy could hit a packet id the broker has since given to another message,
     * acknowledging that one before a checkpoint covers it.
     */
    private volatile long connectionEpoch;
    private volatile boolean hadSession;
    private long retryMillis = FIRST_RETRY_MILLIS;

    MqttSplitConnection(MqttSplit split, MqttSourceSettings settings, Receiver receiver, ScheduledExecutorService scheduler)
        throws MqttException {
        this.split = split;
        this.settings = settings;
        this.receiver = receiver;
        this.scheduler = scheduler;
        this.client = new MqttAsyncClient(settings.serverUri(), clientId(), new MemoryPersistence());
        this.client.setManualAcks(settings.ackMode() == AckMode.CHECKPOINT);
        this.client.setCallback(this);
        this.options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        options.setReceiveMaximum(settings.receiveMaximum());
        options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        options.setConnectionTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
        options.setAutomaticReconnect(false); // our own loop also retries the first connect, which Paho does not
        if (settings.serverUri().startsWith("tcp://") || settings.serverUri().startsWith("ws://")) {
            options.setSocketFactory(new MqttSocketFactory());
        }
        if (settings.username() != null) {
            options.setUserName(settings.username());
        }
        if (settings.password() != null) {
            options.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        }
    }

    String clientId() {
        return settings.clientId() + "-" + split.index();
    }

    MqttSplit split() {
        return split;
    }

    void start() {
        scheduler.execute(this::connect);
    }

    private void connect() {
        if (closed) {
            return;
        }
        // before connecting, so that no message of the new connection can carry the old epoch
        connectionEpoch++;
        // Settled once: by the broker's answer, by a failure, or by the watchdog below giving up on it.
        AtomicBoolean settled = new AtomicBoolean();
        long startedNanos = System.nanoTime();
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    if (!settled.compareAndSet(false, true)) {
                        return; // the watchdog gave up on this attempt and is tearing it down
                    }
                    retryMillis = FIRST_RETRY_MILLIS;
                    if (hadSession && !token.getSessionPresent()) {
                        LOG.error("MQTT {}: the broker at {} did not keep this client's session, so the messages it "
                            + "queued for the job while it was away are lost. Check the broker's persistence and that the "
                            + "session expiry ({}) outlasts the outage", clientId(), settings.serverUri(), settings.sessionExpiry());
                    }
                    hadSession = true;
                    LOG.info("MQTT {} connected to {} in {} ms (session {}), ack mode {}", clientId(), settings.serverUri(),
                        (System.nanoTime() - startedNanos) / 1_000_000, token.getSessionPresent() ? "resumed" : "new",
                        settings.ackMode());
                    subscribe();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    if (!settled.compareAndSet(false, true)) {
                        return;
                    }
                    LOG.warn("MQTT {} could not connect to {}: {}", clientId(), settings.serverUri(), e.toString());
                    scheduleReconnect();
                }
            });
        } catch (MqttException e) {
            settled.set(true);
            LOG.warn("MQTT {} could not start connecting to {}: {}", clientId(), settings.serverUri(), e.toString());
            scheduleReconnect();
            return;
        }
        // Paho's connection timeout covers the TCP connect only: an attempt whose CONNACK never comes
        // waits until the broker drops the socket. Seen after a broker restart: both connections of
        // the job waited 95 s, while the simulator's reconnected at once. Give up on it and retry.
        long watchdogMillis = connectWatchdog().toMillis();
        scheduler.schedule(() -> {
            if (settled.compareAndSet(false, true)) {
                LOG.warn("MQTT {}: no answer from {} {} s after connecting; dropping this attempt and retrying",
                    clientId(), settings.serverUri(), watchdogMillis / 1000);
                forceReconnect();
            }
        }, watchdogMillis, TimeUnit.MILLISECONDS);
    }

    /** How long a connect attempt may wait for the broker's CONNACK: twice the connect timeout. */
    Duration connectWatchdog() {
        return settings.connectTimeout().multipliedBy(2);
    }

    private void subscribe() {
        try {
            // Always re-subscribe: it is idempotent, and a session the broker expired has none.
            // Use the overload without a message listener: Paho 1.2.5 given a null listener fails
            // the connection on the first delivered message (IndexOutOfBoundsException).
            client.subscribe(new MqttSubscription[] {new MqttSubscription(settings.subscriptionFilter(), 1)}, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                        receiver.failed(new IllegalStateException("the broker refused the subscription to '"
                            + settings.subscriptionFilter() + "' with reason code 0x" + Integer.toHexString(codes[0])
                            + " (check the topic filter, the shared group and the broker's ACL)"));
                    } else {
                        LOG.info("MQTT {} subscribed to {}", clientId(), settings.subscriptionFilter());
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    LOG.warn("MQTT {} could not subscribe: {}", clientId(), e.toString());
                    forceReconnect();
                }
            }, new MqttProperties());
        } catch (MqttException e) {
            LOG.warn("MQTT {} could not subscribe: {}", clientId(), e.toString());
            forceReconnect();
        }
    }

    private void forceReconnect() {
        try {
            client.disconnectForcibly(0, 1000, false);
        } catch (MqttException ignored) {
            // reconnecting anyway
        }
        scheduleReconnect();
    }

    private synchronized void scheduleReconnect() {
        if (closed) {
            return;
        }
        long delay = retryMillis;
        retryMillis = Math.min(retryMillis * 2, settings.maxReconnectDelay().toMillis());
        scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** Acknowledges a message, unless it arrived on an earlier connection (the broker has resent it since). */
    void acknowledge(Received r) {
        if (r.qos() == 0 || r.connectionEpoch() != connectionEpoch || closed) {
            return;
        }
        try {
            client.messageArrivedComplete(r.messageId(), r.qos());
        } catch (MqttException | RuntimeException e) {
            // Not connected: the broker redelivers the message to the session and dedup drops it again.
            LOG.debug("MQTT {} could not ack message {}: {}", clientId(), r.messageId(), e.toString());
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws Exception {
        receiver.received(new Received(this, connectionEpoch, message.getId(), message.getQos(),
            new RawMessage(topic, message.getPayload(), System.currentTimeMillis())));
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        if (!closed) {
            LOG.warn("MQTT {} disconnected: {}; reconnecting", clientId(), response);
            scheduleReconnect();
        }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.warn("MQTT {} error: {}", clientId(), exception.toString());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }

    /** Disconnects, keeping the session on the broker for the next run. */
    void close() {
        closed = true;
        try {
            if (client.isConnected()) {
                client.disconnect(2_000).waitForCompletion(3_000);
            }
        } catch (MqttException e) {
            LOG.debug("MQTT {} disconnect: {}", clientId(), e.toString());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("MQTT {} close: {}", clientId(), e.toString());
        }
    }
}
