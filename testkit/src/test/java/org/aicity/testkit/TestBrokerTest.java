package org.aicity.testkit;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TestBrokerTest {

    private static TestBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = TestBroker.start();
    }

    @AfterAll
    static void closeBroker() {
        broker.close();
    }

    @Test
    void shouldDeliverAQos1PublishToAnMqtt5Subscriber() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        try (Client subscriber = Client.connect(broker.url(), "sub", received);
             Client publisher = Client.connect(broker.url(), "pub", new LinkedBlockingQueue<>())) {
            subscriber.client.subscribe("city/test/#", 1).waitForCompletion(30_000);

            IMqttToken ack = publisher.client.publish("city/test/traffic/s1", "hello".getBytes(StandardCharsets.UTF_8), 1, false);
            ack.waitForCompletion(30_000);

            assertThat(ack.isComplete()).isTrue();
            assertThat(received.poll(30, TimeUnit.SECONDS)).isEqualTo("city/test/traffic/s1 hello");
        }
    }

    @Test
    void shouldComeBackOnTheSamePortAfterARestart() throws Exception {
        int port = broker.port();
        broker.restart();

        assertThat(broker.port()).isEqualTo(port);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        try (Client c = Client.connect(broker.url(), "after-restart", received)) {
            c.client.subscribe("t/restart", 1).waitForCompletion(30_000);
            c.client.publish("t/restart", "back".getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(30_000);
            assertThat(received.poll(30, TimeUnit.SECONDS)).isEqualTo("t/restart back");
        }
    }

    @Test
    void shouldKeepARetainedMessageAcrossARestart() throws Exception {
        try (Client c = Client.connect(broker.url(), "retain-pub", new LinkedBlockingQueue<>())) {
            c.client.publish("t/retained", "kept".getBytes(StandardCharsets.UTF_8), 1, true).waitForCompletion(30_000);
        }
        broker.restart();

        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        try (Client c = Client.connect(broker.url(), "retain-sub", received)) {
            c.client.subscribe("t/retained", 1).waitForCompletion(30_000);
            assertThat(received.poll(30, TimeUnit.SECONDS)).isEqualTo("t/retained kept");
        }
    }

    @Test
    void shouldRefuseConnectionsWhileStopped() throws Exception {
        broker.stop();
        try {
            assertThat(LocalFiles.accepts(broker.host(), broker.port())).isFalse();
        } finally {
            broker.restart();
        }
        assertThat(LocalFiles.accepts(broker.host(), broker.port())).isTrue();
    }

    /** A Paho MQTT v5 client that puts "topic payload" of every message it receives on a queue. */
    private record Client(MqttAsyncClient client) implements AutoCloseable {

        static Client connect(String url, String id, BlockingQueue<String> sink) throws MqttException {
            MqttAsyncClient c = new MqttAsyncClient(url, "testkit-" + id, new MemoryPersistence());
            c.setCallback(MqttCallbacks.onMessage((topic, message) -> sink.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8))));
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            c.connect(o).waitForCompletion(30_000);
            return new Client(c);
        }

        @Override
        public void close() throws MqttException {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(30_000);
            }
            client.close();
        }
    }
}
