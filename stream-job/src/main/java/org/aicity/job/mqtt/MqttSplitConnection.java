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
 *
 * <p>Every connection attempt gets a new Paho client, and the previous one is closed first. Reusing
 * one client across a connection loss let the end of the old connection's shutdown, still running
 * on Paho's threads, race the next connect on a loaded machine: now and then both of the job's
 * connections waited 95 s after a broker restart for a connect that had reached the broker. Each
 * client's callbacks are bound to it and ignored once it is no longer the current one.
 */
final class MqttSplitConnection {

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
    private final MqttConnectionOptions options;
    /** The client of the current connection attempt; replaced by each attempt. */
    private volatile MqttAsyncClient client;
    /** A connect attempt is scheduled and has not started yet. */
    private boolean reconnectPending;

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

    /** @throws MqttException when Paho refuses the server URI or the client id (checked here, so the job fails at once) */
    MqttSplitConnection(MqttSplit split, MqttSourceSettings settings, Receiver receiver, ScheduledExecutorService scheduler)
        throws MqttException {
        this.split = split;
        this.settings = settings;
        this.receiver = receiver;
        this.scheduler = scheduler;
        new MqttAsyncClient(settings.serverUri(), clientId(), new MemoryPersistence()).close(true);
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

    private synchronized void connect() {
        reconnectPending = false;
        if (closed) {
            return;
        }
        MqttAsyncClient old = client;
        client = null; // from here on, the old client's callbacks are ignored
        retire(old);
        // before connecting, so that no message of the new connection can carry the old epoch
        long epoch = ++connectionEpoch;
        MqttAsyncClient c;
        try {
            c = new MqttAsyncClient(settings.serverUri(), clientId(), new MemoryPersistence());
            c.setManualAcks(settings.ackMode() == AckMode.CHECKPOINT);
            c.setCallback(new Callbacks(c, epoch));
        } catch (MqttException e) {
            LOG.warn("MQTT {} could not create a client for {}: {}", clientId(), settings.serverUri(), e.toString());
            scheduleReconnect(null);
            return;
        }
        client = c;
        // Settled once: by the broker's answer, by a failure, or by the watchdog below giving up on it.
        AtomicBoolean settled = new AtomicBoolean();
        long startedNanos = System.nanoTime();
        try {
            c.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    if (!settled.compareAndSet(false, true) || c != client) {
                        return; // given up on, or replaced already
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
                    subscribe(c);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    if (!settled.compareAndSet(false, true) || c != client) {
                        return;
                    }
                    LOG.warn("MQTT {} could not connect to {}: {}", clientId(), settings.serverUri(), e.toString());
                    scheduleReconnect(c);
                }
            });
        } catch (MqttException e) {
            settled.set(true);
            LOG.warn("MQTT {} could not start connecting to {}: {}", clientId(), settings.serverUri(), e.toString());
            scheduleReconnect(c);
            return;
        }
        // Paho's connection timeout covers the TCP connect only: an attempt whose CONNACK never comes
        // would wait until the broker drops the socket. Give up on it and retry.
        long watchdogMillis = connectWatchdog().toMillis();
        scheduler.schedule(() -> {
            if (settled.compareAndSet(false, true) && c == client) {
                LOG.warn("MQTT {}: no answer from {} {} s after connecting; dropping this attempt and retrying",
                    clientId(), settings.serverUri(), watchdogMillis / 1000);
                scheduleReconnect(c);
            }
        }, watchdogMillis, TimeUnit.MILLISECONDS);
    }

    /** How long a connect attempt may wait for the broker's CONNACK: twice the connect timeout. */
    Duration connectWatchdog() {
        return settings.connectTimeout().multipliedBy(2);
    }

    /** Ends a client of an earlier attempt for good, so that none of its threads runs on. */
    private void retire(MqttAsyncClient old) {
        if (old == null) {
            return;
        }
        try {
            old.disconnectForcibly(0, 1_000, false);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("MQTT {} retiring the previous client: {}", clientId(), e.toString());
        }
        try {
            old.close(true);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("MQTT {} closing the previous client: {}", clientId(), e.toString());
        }
    }

    private void subscribe(MqttAsyncClient c) {
        try {
            // Always re-subscribe: it is idempotent, and a session the broker expired has none.
            // Use the overload without a message listener: Paho 1.2.5 given a null listener fails
            // the connection on the first delivered message (IndexOutOfBoundsException).
            c.subscribe(new MqttSubscription[] {new MqttSubscription(settings.subscriptionFilter(), 1)}, null, new MqttActionListener() {
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
                    if (c == client) {
                        LOG.warn("MQTT {} could not subscribe: {}", clientId(), e.toString());
                        scheduleReconnect(c);
                    }
                }
            }, new MqttProperties());
        } catch (MqttException e) {
            LOG.warn("MQTT {} could not subscribe: {}", clientId(), e.toString());
            scheduleReconnect(c);
        }
    }

    /**
     * Schedules one connect attempt after the backoff, unless one is pending already or the request
     * comes from a client that is no longer the current one ({@code from} null: no client involved).
     */
    private synchronized void scheduleReconnect(MqttAsyncClient from) {
        if (closed || reconnectPending || (from != null && from != client)) {
            return;
        }
        reconnectPending = true;
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
            client.messageArrivedComplete(r.messageId(), r.qos()); // the epoch's own client: set before any message of it
        } catch (MqttException | RuntimeException e) {
            // Not connected: the broker redelivers the message to the session and dedup drops it again.
            LOG.debug("MQTT {} could not ack message {}: {}", clientId(), r.messageId(), e.toString());
        }
    }

    /** Paho's callbacks of one client: ignored once that client is no longer the current one. */
    private final class Callbacks implements MqttCallback {
        private final MqttAsyncClient owner;
        private final long epoch;

        Callbacks(MqttAsyncClient owner, long epoch) {
            this.owner = owner;
            this.epoch = epoch;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            receiver.received(new Received(MqttSplitConnection.this, epoch, message.getId(), message.getQos(),
                new RawMessage(topic, message.getPayload(), System.currentTimeMillis())));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (!closed && owner == client) {
                LOG.warn("MQTT {} disconnected: {}; reconnecting", clientId(), response);
                scheduleReconnect(owner);
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            if (owner == client) {
                LOG.warn("MQTT {} error: {}", clientId(), exception.toString());
            }
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
    }

    /** Disconnects, keeping the session on the broker for the next run. */
    void close() {
        closed = true;
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnect(2_000).waitForCompletion(3_000);
            }
        } catch (MqttException e) {
            LOG.debug("MQTT {} disconnect: {}", clientId(), e.toString());
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            LOG.debug("MQTT {} close: {}", clientId(), e.toString());
        }
    }
}
