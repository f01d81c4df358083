package org.aicity.sim;

import org.aicity.testkit.MqttCallbacks;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** A test subscriber that keeps every message it receives and lets a test wait for a number of them. */
final class MqttSubscriber implements AutoCloseable {

    /** @param arrived when the message reached this subscriber's callback */
    record Received(String topic, byte[] payload, boolean retained, java.time.Instant arrived) {
    }

    final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final Semaphore arrivals = new Semaphore(0);
    private final MqttAsyncClient client;

    MqttSubscriber(String url, String filter) throws MqttException {
        client = new MqttAsyncClient(url, "test-subscriber-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(MqttCallbacks.onMessage((topic, message) -> {
            received.add(new Received(topic, message.getPayload(), message.isRetained(), java.time.Instant.now()));
            arrivals.release();
        }));
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        client.connect(o).waitForCompletion(10_000);
        client.subscribe(filter, 1).waitForCompletion(10_000);
    }

    /** Waits until {@code n} messages in all have arrived; false if the time ran out first. */
    boolean awaitMessages(int n, long timeout, TimeUnit unit) throws InterruptedException {
        if (!arrivals.tryAcquire(n, timeout, unit)) {
            return false;
        }
        arrivals.release(n);
        return true;
    }

    @Override
    public void close() throws MqttException {
        client.disconnect().waitForCompletion(10_000);
        client.close();
    }
}
