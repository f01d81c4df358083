package org.aicity.job.mqtt;

import org.aicity.job.CollectingSink;
import org.aicity.job.ingest.RawMessage;
import org.aicity.testkit.TestBroker;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The MQTT source against a real Mosquitto broker, in a job on a MiniCluster. */
class MqttSourceTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
        .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** Paho's "too many publishes in progress". */
    private static final int MAX_INFLIGHT = 32202;

    private static TestBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = TestBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldDeliverEveryPublishedMessageThroughParallelReadersWithCheckpointAcks() throws Exception {
        CollectingSink<RawMessage> sink = new CollectingSink<>("mqtt-checkpoint");
        JobClient job = startJob(sink, AckMode.CHECKPOINT, "checkpoint-test");
        MqttClient publisher = publisher();
        try {
            awaitSubscribed(publisher, sink);
            List<String> payloads = IntStream.range(0, 300).mapToObj(i -> "{\"n\":" + i + "}").toList();
            for (int i = 0; i < payloads.size(); i++) {
                publish(publisher, "city/songdo/traffic/songdo-trf-" + String.format("%04d", i % 20 + 1), payloads.get(i));
            }

            await(() -> received(sink).containsAll(payloads), Duration.ofSeconds(60));

            assertThat(received(sink)).containsAll(payloads);
            assertThat(sink.collected()).allSatisfy(m -> {
                assertThat(m.topic()).startsWith("city/songdo/traffic/");
                assertThat(m.receivedAtMillis()).isPositive();
            });
        } finally {
            publisher.disconnect();
            publisher.close();
            job.cancel().get();
        }
    }

    @Test
    void shouldDeliverWithAcksOnReceipt() throws Exception {
        CollectingSink<RawMessage> sink = new CollectingSink<>("mqtt-receipt");
        JobClient job = startJob(sink, AckMode.RECEIPT, "receipt-test");
        MqttClient publisher = publisher();
        try {
            awaitSubscribed(publisher, sink);
            List<String> payloads = IntStream.range(0, 100).mapToObj(i -> "{\"r\":" + i + "}").toList();
            for (String p : payloads) {
                publish(publisher, "city/songdo/energy/songdo-nrg-0001", p);
            }

            await(() -> received(sink).containsAll(payloads), Duration.ofSeconds(60));
            assertThat(received(sink)).containsAll(payloads);
        } finally {
            publisher.disconnect();
            publisher.close();
            job.cancel().get();
        }
    }

    private static JobClient startJob(CollectingSink<RawMessage> sink, AckMode mode, String clientId) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(300);
        MqttSourceSettings settings = MqttSourceSettings.of(broker.url(), "city/+/+/+", clientId, mode)
            .withSession("group-" + clientId, Duration.ofMinutes(5), 1_000);
        env.fromSource(new MqttSource(settings), WatermarkStrategy.noWatermarks(), "MQTT source")
            .sinkTo(sink).name("collect");
        return env.executeAsync("mqtt source test " + clientId);
    }

    /** Publishes probes until one arrives, so the subscriptions of the job exist. */
    private static void awaitSubscribed(MqttClient publisher, CollectingSink<RawMessage> sink) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (sink.collected().isEmpty()) {
            assertThat(System.nanoTime()).as("the job subscribed within 60 s").isLessThan(deadline);
            publish(publisher, "city/songdo/traffic/probe", "probe");
            Thread.sleep(200);
        }
    }

    private static Set<String> received(CollectingSink<RawMessage> sink) {
        return sink.collected().stream().map(m -> new String(m.payload(), StandardCharsets.UTF_8)).collect(Collectors.toCollection(HashSet::new));
    }

    private static MqttClient publisher() throws MqttException {
        MqttClient c = new MqttClient(broker.url(), "publisher-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        c.connect(o);
        return c;
    }

    /** QoS 1 publish; retried when the client's in-flight window is full (reason code 32202). */
    private static void publish(MqttClient c, String topic, String payload) throws Exception {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        for (int attempt = 0; ; attempt++) {
            try {
                c.publish(topic, m);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MAX_INFLIGHT || attempt > 100) {
                    throw e;
                }
                Thread.sleep(10);
            }
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }
}
