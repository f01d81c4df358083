package org.aicity.sim;

import org.aicity.model.DecodeResult;
import org.aicity.model.Domain;
import org.aicity.model.Reading;
import org.aicity.model.ReadingCodec;
import org.aicity.model.Topic;
import org.aicity.testkit.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator against a real Mosquitto with the project's configuration. */
class SimulatorBrokerTest {

    private static TestBroker broker;
    private static final ExecutorService RUNNER = Executors.newCachedThreadPool();
    private static final Instant YESTERDAY = Instant.now().minus(Duration.ofDays(1));

    @BeforeAll
    static void startBroker() {
        broker = TestBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        RUNNER.shutdownNow();
        broker.close();
    }

    @Test
    void shouldDeliverEveryAcknowledgedReadingAndEachInvalidMessageAtQos1() throws Exception {
        int readings = 2_000;
        int invalid = 2 * InvalidKind.values().length;
        SimulatorConfig config = SimulatorConfig.builder().brokerUrl(broker.url()).clientIdPrefix("sim-qos1")
            .maxReadings(readings).ratePerSecond(4_000).connections(2).invalidMessages(invalid)
            .startTime(YESTERDAY).publishMeta(false).build();

        try (MqttSubscriber subscriber = new MqttSubscriber(broker.url(), Topic.readingsFilter("songdo"));
             Simulator sim = new Simulator(config)) {
            RUNNER.submit(sim);

            assertThat(sim.awaitCompletion(Duration.ofSeconds(60))).isTrue();
            assertThat(subscriber.awaitMessages(readings + invalid, 30, TimeUnit.SECONDS)).isTrue();

            SimulatorStats stats = sim.stats();
            assertThat(sim.failure()).isEmpty();
            assertThat(stats.readingsSent()).isEqualTo(readings);
            assertThat(stats.readingsAcknowledged()).isEqualTo(readings);
            assertThat(stats.readingsFailed()).isZero();
            assertThat(stats.messagesSent()).isEqualTo(readings);
            assertThat(stats.invalidMessagesSent()).isEqualTo(invalid);
            assertThat(stats.invalidMessagesAcknowledged()).isEqualTo(invalid);
            // paced: 2,000 readings at 4,000/s cannot take less than half a second (less a margin:
            // the run's clock starts a moment after the pacing's)
            assertThat(stats.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            assertThat(stats.pubackLatency().count()).isEqualTo(readings + invalid);
            assertThat(stats.pubackLatency().p50()).isPositive().isLessThanOrEqualTo(stats.pubackLatency().p99());
            assertThat(stats.injected()).isEmpty();

            ReadingCodec codec = new ReadingCodec();
            Map<String, Long> lastSeq = new HashMap<>();
            Map<Domain, Long> perDomain = new HashMap<>();
            long valid = 0;
            long rejected = 0;
            for (MqttSubscriber.Received r : subscriber.received) {
                DecodeResult d = codec.decode(r.topic(), r.payload(), Instant.now());
                rejected += d.rejections().size();
                for (Reading reading : d.readings()) {
                    valid++;
                    perDomain.merge(Topic.parse(r.topic()).topic().domain(), 1L, Long::sum);
                    Long before = lastSeq.put(reading.sensorId(), reading.seq());
                    assertThat(before == null || reading.seq() > before).as("seq order of " + reading.sensorId()).isTrue();
                }
            }
            assertThat(subscriber.received).hasSize(readings + invalid);
            assertThat(valid).isEqualTo(readings);
            assertThat(rejected).isEqualTo(invalid);
            for (Domain d : Domain.values()) {
                assertThat(stats.perDomain().get(d).acknowledged()).as(d.wireName()).isEqualTo(perDomain.getOrDefault(d, 0L));
            }
        }
    }

    @Test
    void shouldLogInToABrokerWithTheShippedAccessControl() throws Exception {
        try (TestBroker secured = TestBroker.startWithAccessControl()) {
            SimulatorConfig config = SimulatorConfig.builder().brokerUrl(secured.url()).clientIdPrefix("sim-login")
                .credentials("aicity-sim", "aicity-sim-dev")
                .maxReadings(300).ratePerSecond(5_000).startTime(YESTERDAY).publishMeta(false).build();
            try (Simulator sim = new Simulator(config)) {
                RUNNER.submit(sim);
                assertThat(sim.awaitCompletion(Duration.ofSeconds(60))).isTrue();
                assertThat(sim.failure()).isEmpty();
                assertThat(sim.stats().readingsAcknowledged()).isEqualTo(300);
            }
        }
    }

    @Test
    void shouldDeliverGatewayBatchesAtQos0() throws Exception {
        SimulatorConfig config = SimulatorConfig.builder().brokerUrl(broker.url()).clientIdPrefix("sim-batch")
            .maxReadings(1_000).batchSize(10).qos(0).ratePerSecond(20_000).startTime(YESTERDAY).publishMeta(false).build();

        try (MqttSubscriber subscriber = new MqttSubscriber(broker.url(), Topic.readingsFilter("songdo"));
             Simulator sim = new Simulator(config)) {
            RUNNER.submit(sim);

            assertThat(sim.awaitCompletion(Duration.ofSeconds(60))).isTrue();
            assertThat(subscriber.awaitMessages(100, 30, TimeUnit.SECONDS)).isTrue();

            assertThat(sim.stats().messagesSent()).isEqualTo(100);
            assertThat(sim.stats().readingsAcknowledged()).isEqualTo(1_000);
            ReadingCodec codec = new ReadingCodec();
            long readings = subscriber.received.stream()
                .mapToLong(r -> codec.decode(r.topic(), r.payload(), Instant.now()).readings().size()).sum();
            assertThat(readings).isEqualTo(1_000);
        }
    }

    @Test
    void shouldBackfillAsFastAsTheBrokerAcknowledgesWithFaultsRecorded(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
        throws Exception {
        java.nio.file.Path truth = dir.resolve("truth.jsonl");
        Instant start = YESTERDAY.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        // ten minutes of the city, unpaced: 3,000 readings, with duplicates and malformed messages mixed in
        SimulatorConfig config = SimulatorConfig.builder().brokerUrl(broker.url()).clientIdPrefix("sim-backfill")
            .startTime(start).endTime(start.plus(Duration.ofMinutes(10))).paced(false).publishMeta(false)
            .transportFaults(new TransportFaults(0.02, 0, 0, 0, 0.01, null, null)).groundTruthFile(truth).build();

        try (MqttSubscriber subscriber = new MqttSubscriber(broker.url(), Topic.readingsFilter("songdo"));
             Simulator sim = new Simulator(config)) {
            RUNNER.submit(sim);
            assertThat(sim.awaitCompletion(Duration.ofSeconds(60))).isTrue();
            SimulatorStats stats = sim.stats();
            long messages = stats.messagesSent() + stats.duplicateCopies() + stats.invalidMessagesSent();
            assertThat(subscriber.awaitMessages((int) messages, 30, TimeUnit.SECONDS)).isTrue();

            assertThat(stats.readingsAcknowledged()).isEqualTo(3_000);
            java.util.List<org.aicity.sim.truth.GroundTruthEvent> events = org.aicity.sim.truth.GroundTruthReader.read(truth);
            assertThat(events.stream().filter(e -> e.kind() == org.aicity.sim.truth.GroundTruthEvent.Kind.DUPLICATE).count())
                .isEqualTo(stats.duplicateCopies()).isPositive();
            assertThat(events.stream().filter(e -> e.kind() == org.aicity.sim.truth.GroundTruthEvent.Kind.MALFORMED).count())
                .isEqualTo(stats.invalidMessagesSent()).isPositive();
            assertThat(subscriber.received).hasSize((int) messages);
        }
    }

    @Test
    void shouldPublishEachReadingOfAPacedRunAtItsOwnTimeAfterConnectingAndDescribingTheSensors() throws Exception {
        // event time used to start before connecting and publishing the 300 descriptions, so every
        // reading went out that much after its own time (0.6 s on a 2-core machine)
        SimulatorConfig config = SimulatorConfig.builder().brokerUrl(broker.url()).clientIdPrefix("sim-on-time")
            .maxReadings(600).ratePerSecond(600).connections(2).publishMeta(true).build();
        try (MqttSubscriber subscriber = new MqttSubscriber(broker.url(), Topic.readingsFilter("songdo"));
             Simulator sim = new Simulator(config)) {
            RUNNER.submit(sim);
            assertThat(sim.awaitCompletion(Duration.ofSeconds(60))).isTrue();
            assertThat(subscriber.awaitMessages(600, 30, TimeUnit.SECONDS)).isTrue();

            ReadingCodec codec = new ReadingCodec();
            java.util.List<Long> lateMillis = new java.util.ArrayList<>();
            for (MqttSubscriber.Received r : subscriber.received) {
                for (Reading reading : codec.decode(r.topic(), r.payload(), Instant.now()).readings()) {
                    lateMillis.add(Duration.between(reading.ts(), r.arrived()).toMillis());
                }
            }
            java.util.Collections.sort(lateMillis);
            assertThat(lateMillis).hasSize(600);
            // the bug made every reading 0.6 s late; a host that stalls the 1-s run for a moment makes
            // some late too, so the bound sits between (it was 100 ms, which a stall of half a second broke)
            assertThat(lateMillis.get(300)).as("median from a reading's time to its arrival, ms").isLessThan(400);
            assertThat(lateMillis.get(0)).as("earliest, ms: none is published before its time").isGreaterThanOrEqualTo(-5);
        }
    }

    @Test
    void shouldPublishARetainedDescriptionOfEverySensor() throws Exception {
        SimulatorConfig config = SimulatorConfig.builder().brokerUrl(broker.url()).clientIdPrefix("sim-meta")
            .maxReadings(1).startTime(YESTERDAY).build();
        try (Simulator sim = new Simulator(config)) {
            RUNNER.submit(sim);
            assertThat(sim.awaitCompletion(Duration.ofSeconds(60))).isTrue();
            assertThat(sim.stats().metaMessages()).isEqualTo(300);
        }

        // subscribed after the run: only retained messages arrive
        try (MqttSubscriber late = new MqttSubscriber(broker.url(), "city/songdo/+/+/meta")) {
            assertThat(late.awaitMessages(300, 30, TimeUnit.SECONDS)).isTrue();
            assertThat(late.received).allSatisfy(r -> assertThat(r.retained()).isTrue());
            MqttSubscriber.Received first = late.received.stream()
                .filter(r -> r.topic().equals("city/songdo/traffic/songdo-trf-0001/meta")).findFirst().orElseThrow();
            assertThat(new String(first.payload(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"sensorId\":\"songdo-trf-0001\"", "\"kind\":\"loop-detector\"", "\"domain\":\"traffic\"",
                    "\"district\":\"songdo-1\"", "\"metrics\":[\"intensity\",\"occupancy\",\"averageVehicleSpeed\"]");
        }
    }

    @Test
    void shouldStopAnUnboundedRunOnCloseWithNothingLeftInFlight() throws Exception {
        SimulatorConfig config = SimulatorConfig.builder().brokerUrl(broker.url()).clientIdPrefix("sim-unbounded")
            .ratePerSecond(2_000).publishMeta(false).build();
        Simulator sim = new Simulator(config);
        RUNNER.submit(sim);

        assertThat(sim.awaitCompletion(Duration.ofMillis(500))).as("an unbounded run keeps going").isFalse();
        // under way before it is stopped, however slowly this host connected
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (sim.stats().readingsAcknowledged() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        sim.close();

        assertThat(sim.awaitCompletion(Duration.ZERO)).isTrue();
        SimulatorStats stats = sim.stats();
        assertThat(stats.finished()).isTrue();
        assertThat(stats.readingsSent()).isPositive();
        assertThat(stats.readingsAcknowledged()).isEqualTo(stats.readingsSent());
    }

    @Test
    void shouldFailFastWithAClearMessageWhenNoBrokerListens() {
        SimulatorConfig config = SimulatorConfig.builder().brokerUrl("tcp://127.0.0.1:1").clientIdPrefix("sim-nobroker")
            .maxReadings(10).build();
        try (Simulator sim = new Simulator(config)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(sim::run)
                .hasMessageContaining("cannot connect to the MQTT broker at tcp://127.0.0.1:1");
            assertThat(sim.failure()).isPresent();
            assertThat(sim.stats().finished()).isTrue();
        }
    }
}
