package org.aicity.bench;

import org.aicity.testkit.MqttCallbacks;
import org.aicity.model.mqtt.MqttSocketFactory;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The broker-only reader: a plain MQTT v5 QoS 1 subscriber that counts messages and does nothing
 * else, so its rate is the broker's ceiling for the simulator's payloads and connections.
 */
final class CountingSubscriber implements AutoCloseable {

    private final MqttAsyncClient client;
    private final AtomicLong messages = new AtomicLong();

    CountingSubscriber(String url, String filter) throws MqttException {
        client = new MqttAsyncClient(url, "bench-subscriber-" + ProcessHandle.current().pid(), new MemoryPersistence());
        client.setCallback(MqttCallbacks.onMessage((topic, message) -> messages.incrementAndGet()));
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setReceiveMaximum(65_535);
        o.setSocketFactory(new MqttSocketFactory());
        client.connect(o).waitForCompletion(10_000);
        client.subscribe(filter, 1).waitForCompletion(10_000);
    }

    long messages() {
        return messages.get();
    }

    @Override
    public void close() throws MqttException {
        client.disconnect().waitForCompletion(10_000);
        client.close();
    }
}
