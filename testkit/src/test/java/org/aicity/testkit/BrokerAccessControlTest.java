package org.aicity.testkit;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shipped {@code platform/broker/aicity.acl} and development password file against a real
 * Mosquitto: a sensor publishes only its own topics, the job reads them all, nobody gets in
 * without a password.
 *
 * <p>Mosquitto 2.0 answers a refused QoS 1 publish with PUBACK 0x87 (not authorised) and then
 * closes the connection. That a refused message was not delivered is shown without waiting for
 * nothing: after the refusal the sensor publishes an allowed marker, and everything for the job
 * travels in order on its one connection, so once the marker has arrived, a refused message that had
 * been let through would have arrived before it.
 */
class BrokerAccessControlTest {

    private static final int NOT_AUTHORIZED = 0x87;
    private static final String OWN = "city/songdo/traffic/songdo-trf-0001";
    private static final String OTHER = "city/songdo/traffic/songdo-trf-0002";

    private static TestBroker broker;
    private static Client job;
    private static final BlockingQueue<String> toJob = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        broker = TestBroker.startWithAccessControl();
        job = Client.connect("aicity-job", "aicity-job-dev", toJob);
        // as the stream job subscribes: a shared subscription to every reading topic, plus the descriptions
        int[] granted = job.subscribe("$share/aicity-stream-job/city/+/+/+", "city/+/+/+/meta");
        assertThat(granted).containsExactly(1, 1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (job != null) {
            job.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldDeliverASensorsReadingsAndDescriptionOnItsOwnTopics() throws Exception {
        try (Client sensor = Client.connect("songdo-trf-0001", "songdo-trf-0001-dev", new LinkedBlockingQueue<>())) {
            assertThat(sensor.publish(OWN, "own reading")).isEqualTo(0);
            assertThat(sensor.publish(OWN + "/meta", "own description")).isEqualTo(0);

            assertThat(next()).isEqualTo(OWN + " own reading");
            assertThat(next()).isEqualTo(OWN + "/meta own description");
        }
    }

    @Test
    void shouldRefuseAndNotDeliverAReadingPublishedOnAnotherSensorsTopic() throws Exception {
        for (String forged : List.of(OTHER, OTHER + "/meta", "city/incheon/energy/songdo-trf-0002", "city/songdo/traffic/+")) {
            try (Client sensor = Client.connect("songdo-trf-0001", "songdo-trf-0001-dev", new LinkedBlockingQueue<>())) {
                if (forged.contains("+")) {
                    // not even sent: Paho refuses a wildcard in a topic name
                    assertThatThrownBy(() -> sensor.publish(forged, "forged")).isInstanceOf(IllegalArgumentException.class);
                    continue;
                }
                assertThat(sensor.publish(forged, "forged")).as(forged).isEqualTo(NOT_AUTHORIZED);
                sensor.awaitClosedByBroker();
            }
        }
        try (Client sensor = Client.connect("songdo-trf-0001", "songdo-trf-0001-dev", new LinkedBlockingQueue<>())) {
            assertThat(sensor.publish(OWN, "marker")).isEqualTo(0);
        }

        assertThat(next()).isEqualTo(OWN + " marker");
    }

    @Test
    void shouldNotLetTheJobUserPublishReadings() throws Exception {
        try (Client jobUser = Client.connect("aicity-job", "aicity-job-dev", new LinkedBlockingQueue<>())) {
            assertThat(jobUser.publish(OWN, "from the job")).isEqualTo(NOT_AUTHORIZED);
            jobUser.awaitClosedByBroker();
        }
        try (Client sensor = Client.connect("songdo-trf-0001", "songdo-trf-0001-dev", new LinkedBlockingQueue<>())) {
            assertThat(sensor.publish(OWN, "marker after job")).isEqualTo(0);
        }

        assertThat(next()).isEqualTo(OWN + " marker after job");
    }

    @Test
    void shouldNotDeliverOtherSensorsReadingsToASensor() throws Exception {
        BlockingQueue<String> eavesdropped = new LinkedBlockingQueue<>();
        try (Client spy = Client.connect("songdo-trf-0002", "songdo-trf-0002-dev", eavesdropped);
             Client sensor = Client.connect("songdo-trf-0001", "songdo-trf-0001-dev", new LinkedBlockingQueue<>())) {
            // Mosquitto grants the subscription and checks read access on each message it would deliver.
            assertThat(spy.subscribe("city/#")).containsExactly(1);
            assertThat(sensor.publish(OWN, "not for the spy")).isEqualTo(0);
            assertThat(next()).isEqualTo(OWN + " not for the spy");

            // Nothing positive to wait for here; a message let through would be on its way already.
            assertThat(eavesdropped.poll(1, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void shouldRefuseClientsWithoutTheRightPassword() {
        assertThatThrownBy(() -> Client.connect(null, null, new LinkedBlockingQueue<>()))
            .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(NOT_AUTHORIZED));
        assertThatThrownBy(() -> Client.connect("songdo-trf-0001", "guessed", new LinkedBlockingQueue<>()))
            .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(NOT_AUTHORIZED));
        assertThatThrownBy(() -> Client.connect("nobody", "guessed", new LinkedBlockingQueue<>()))
            .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(NOT_AUTHORIZED));
    }

    private static String next() throws InterruptedException {
        String m = toJob.poll(10, TimeUnit.SECONDS);
        assertThat(m).as("a message delivered to the job within 10 s").isNotNull();
        return m;
    }

    /** A Paho MQTT v5 client that logs in and puts "topic payload" of every message it receives on a queue. */
    private record Client(MqttAsyncClient client) implements AutoCloseable {

        private static int ids;

        static Client connect(String user, String password, BlockingQueue<String> sink) throws MqttException {
            MqttAsyncClient c = new MqttAsyncClient(TestBrokerHolder.url(), "acl-test-" + (++ids), new MemoryPersistence());
            c.setCallback(MqttCallbacks.onMessage((topic, message) -> sink.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8))));
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            if (user != null) {
                o.setUserName(user);
                o.setPassword(password.getBytes(StandardCharsets.UTF_8));
            }
            try {
                c.connect(o).waitForCompletion(30_000);
            } catch (MqttException e) {
                c.close(true);
                throw e;
            }
            return new Client(c);
        }

        /** QoS 1; the PUBACK's reason code (0 = accepted). */
        int publish(String topic, String payload) throws MqttException {
            IMqttToken t = client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
            t.waitForCompletion(30_000);
            int[] codes = t.getReasonCodes();
            return codes == null || codes.length == 0 ? 0 : codes[0];
        }

        void awaitClosedByBroker() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (client.isConnected()) {
                assertThat(System.nanoTime()).as("the broker closed the connection within 10 s").isLessThan(deadline);
                Thread.sleep(10);
            }
        }

        /** The SUBACK's reason code per filter (1 = granted QoS 1). */
        int[] subscribe(String... filters) throws MqttException {
            List<MqttSubscription> subs = new ArrayList<>();
            for (String f : filters) {
                subs.add(new MqttSubscription(f, 1));
            }
            IMqttToken t = client.subscribe(subs.toArray(MqttSubscription[]::new));
            t.waitForCompletion(30_000);
            return t.getReasonCodes();
        }

        @Override
        public void close() throws MqttException {
            if (client.isConnected()) {
                try {
                    client.disconnect().waitForCompletion(30_000);
                } catch (MqttException e) {
                    // the broker may be closing the connection itself (after a refused publish)
                    if (e.getReasonCode() != org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_CLIENT_DISCONNECTING) {
                        throw e;
                    }
                }
            }
            client.close();
        }
    }

    /** The broker's URL for the client factory, which is static. */
    private static final class TestBrokerHolder {
        static String url() {
            return broker.url();
        }
    }
}
