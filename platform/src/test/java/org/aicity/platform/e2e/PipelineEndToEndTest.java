package org.aicity.platform.e2e;

import org.aicity.model.CityDefinition;
import org.aicity.model.CityDefinitions;
import org.aicity.sim.Simulator;
import org.aicity.sim.SimulatorConfig;
import org.aicity.sim.SimulatorStats;
import org.aicity.testkit.TestBroker;
import org.aicity.testkit.TestDatabase;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole platform end to end on real parts: the simulator publishes a known number of valid
 * readings and invalid messages at QoS 1 to a real Mosquitto (project config), the stream job runs
 * on a Flink MiniCluster inside the platform (ack mode CHECKPOINT, as with any external broker),
 * writes to a real PostgreSQL migrated by Flyway, and the API then returns exactly those counts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "aicity.work-dir=target/e2e-test",
    "aicity.embedded.job.enabled=true",
    "aicity.embedded.job.rest-port=0",
    "aicity.embedded.job.checkpoint-interval=PT1S",
    "aicity.embedded.simulator.enabled=false",
})
class PipelineEndToEndTest {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineEndToEndTest.class);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final String CITY = "songdo";
    private static final String PROBE_TOPIC = "city/songdo/traffic/songdo-trf-0001";
    private static final byte[] PROBE = "{\"probe\":\"is the job subscribed?\"}".getBytes(StandardCharsets.UTF_8);

    private static final int VALID_READINGS = 6_000;
    private static final int INVALID_MESSAGES = 21; // three of each of the simulator's seven kinds

    private static final TestBroker broker = TestBroker.start();
    private static final TestDatabase database = TestDatabase.start();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        registry.add("aicity.mqtt.url", broker::url);
        // with the database: the run-mode check reads the environment before dynamic properties exist
        registry.add("aicity.mode", () -> "external");
    }

    @AfterAll
    static void stopServices() {
        broker.close();
        database.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void apiReturnsExactlyWhatTheSimulatorSent() throws Exception {
        int probesSent = awaitJobSubscribed();
        // The job may have received more than one probe before the first showed as a dead letter:
        // they are one stored dead letter (same payload) but each is counted. Take the counters
        // once they have settled as the baseline.
        Map<String, Object> baseline = settledIngest();
        long probesCounted = number(baseline.get("readingsInvalid"));
        long messagesBefore = number(baseline.get("messagesIn"));
        assertThat(number(baseline.get("readingsValid"))).isZero();
        assertThat(messagesBefore).as("every message so far a probe").isEqualTo(probesCounted);

        CityDefinition songdo = CityDefinitions.builtIn(CITY);
        // An hour ago, at 600x: 6,000 readings are 20 event-time minutes of the city's 300 sensors,
        // published in about 2 s, so most 1-minute windows close before the run ends.
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        SimulatorConfig config = SimulatorConfig.builder()
            .brokerUrl(broker.url())
            .city(songdo)
            .interval(Duration.ofMinutes(1))
            .startTime(start)
            .timeScale(600)
            .maxReadings(VALID_READINGS)
            .invalidMessages(INVALID_MESSAGES)
            .qos(1)
            .clientIdPrefix("e2e-sim")
            .build();
        SimulatorStats stats;
        try (Simulator sim = new Simulator(config)) {
            Thread sender = new Thread(sim, "e2e-simulator");
            sender.start();
            assertThat(sim.awaitCompletion(Duration.ofSeconds(60))).as("simulator finished").isTrue();
            sender.join(10_000);
            stats = sim.stats();
        }
        LOG.info("simulator: {}", stats.summary());
        assertThat(stats.readingsAcknowledged()).isEqualTo(VALID_READINGS);
        assertThat(stats.invalidMessagesAcknowledged()).isEqualTo(INVALID_MESSAGES);
        assertThat(stats.readingsFailed()).isZero();

        // the probe is one more dead letter: the same payload, stored once however often it was sent
        long expectedDeadLetters = INVALID_MESSAGES + 1;
        // A probe counted after the baseline (a job that stalled longer than the settling took) is one
        // message and one invalid reading more; only probes that were sent can be such.
        long[] lateProbes = new long[1];
        await("status counts every message", Duration.ofSeconds(60), () -> {
            Map<String, Object> ingest = ingest();
            lateProbes[0] = number(ingest.get("messagesIn")) - messagesBefore - VALID_READINGS - INVALID_MESSAGES;
            return number(ingest.get("readingsValid")) == VALID_READINGS
                && lateProbes[0] >= 0 && probesCounted + lateProbes[0] <= probesSent
                && number(ingest.get("readingsInvalid")) == probesCounted + lateProbes[0] + INVALID_MESSAGES;
        });
        if (lateProbes[0] > 0) {
            LOG.info("{} probe(s) counted after the baseline", lateProbes[0]);
        }
        await("dead letters stored", Duration.ofSeconds(30), () -> deadLetterCount() == expectedDeadLetters);

        // valid readings stored = valid readings sent, counted through the API sensor by sensor
        Instant from = start.minus(1, ChronoUnit.MINUTES);
        Instant to = Instant.now().plus(1, ChronoUnit.MINUTES);
        await("every reading stored", Duration.ofSeconds(60), () -> count(storedReadings(songdo, from, to)) == VALID_READINGS);
        // one row per reading: the rows are the readings, and no reading is there twice (under another ts)
        Map<String, Object> inDatabase = jdbc.sql("SELECT count(*) AS row_count, count(DISTINCT (sensor_key, seq)) AS readings FROM reading")
            .query().singleRow();
        assertThat(number(inDatabase.get("readings"))).as("distinct readings in the database").isEqualTo(VALID_READINGS);
        assertThat(number(inDatabase.get("row_count"))).as("rows of the reading table, one per reading").isEqualTo(VALID_READINGS);
        assertThat(deadLetterCount()).isEqualTo(expectedDeadLetters);

        Map<String, Object> ingest = ingest();
        assertThat(number(ingest.get("duplicates"))).isZero();
        assertThat(number(ingest.get("messagesIn"))).isEqualTo(messagesBefore + VALID_READINGS + INVALID_MESSAGES + lateProbes[0]);

        assertAggregatesAgreeWithReadings(songdo, from, to);
    }

    /**
     * For every closed 1-minute window of a sample of sensors (one per kind and district), the
     * aggregates served by the API equal the statistics recomputed from the raw readings it serves.
     */
    private void assertAggregatesAgreeWithReadings(CityDefinition city, Instant from, Instant to) {
        Instant lastEvent = Instant.parse((String) ingest().get("lastEventTime"));
        Instant closedBefore = lastEvent.minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
        Map<String, CityDefinition.SensorDefinition> sample = new HashMap<>();
        for (CityDefinition.SensorDefinition s : city.sensors()) {
            sample.putIfAbsent(s.kind() + "/" + s.district(), s);
        }
        int windowsChecked = 0;
        for (CityDefinition.SensorDefinition s : sample.values()) {
            List<Map<String, Object>> readings = list(get("/sensors/" + s.id() + "/readings", from, to, true), "readings");
            Map<String, WindowCheck> expected = new HashMap<>();
            for (Map<String, Object> r : readings) {
                Instant ts = Instant.parse((String) r.get("ts"));
                if (!ts.isBefore(closedBefore)) {
                    continue;
                }
                String key = r.get("metric") + "@" + ts.truncatedTo(ChronoUnit.MINUTES);
                expected.computeIfAbsent(key, k -> new WindowCheck()).add(ts, ((Number) r.get("value")).doubleValue());
            }
            List<Map<String, Object>> aggregates = list(get("/sensors/" + s.id() + "/aggregates", from, closedBefore, false), "aggregates");
            assertThat(aggregates).as("closed windows of %s", s.id()).hasSize(expected.size());
            for (Map<String, Object> a : aggregates) {
                WindowCheck w = expected.get(a.get("metric") + "@" + Instant.parse((String) a.get("bucket")));
                assertThat(w).as("aggregate %s has raw readings", a).isNotNull();
                assertThat(number(a.get("count"))).isEqualTo(w.count);
                assertThat(((Number) a.get("mean")).doubleValue()).isCloseTo(w.sum / w.count, org.assertj.core.data.Offset.offset(1e-9));
                assertThat(((Number) a.get("min")).doubleValue()).isEqualTo(w.min);
                assertThat(((Number) a.get("max")).doubleValue()).isEqualTo(w.max);
                assertThat(((Number) a.get("last")).doubleValue()).isEqualTo(w.last);
                windowsChecked++;
            }
        }
        LOG.info("aggregates agree with raw readings in {} closed windows of {} sensors", windowsChecked, sample.size());
        assertThat(windowsChecked).isGreaterThan(100);
    }

    private static final class WindowCheck {
        long count;
        double sum;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        Instant lastTs = Instant.MIN;
        double last;

        void add(Instant ts, double v) {
            count++;
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (!ts.isBefore(lastTs)) {
                lastTs = ts;
                last = v;
            }
        }
    }

    /**
     * Publishes the same invalid probe until it shows as a dead letter: then the job's subscription
     * is live. Returns how many probes were sent.
     */
    private int awaitJobSubscribed() throws Exception {
        MqttClient probe = new MqttClient(broker.url(), "e2e-probe", new MemoryPersistence());
        try {
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            probe.connect(o);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int sent = 0;
            while (deadLetterCount() == 0) {
                assertThat(System.nanoTime()).as("the job subscribed within 60 s").isLessThan(deadline);
                probe.publish(PROBE_TOPIC, PROBE, 1, false);
                sent++;
                Thread.sleep(300);
            }
            probe.disconnect();
            return sent;
        } finally {
            probe.close();
        }
    }

    /** The ingest counters once they have not changed for two status flushes (the job flushes them every second). */
    private Map<String, Object> settledIngest() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, Object> previous = null;
        while (true) {
            Map<String, Object> now = ingest();
            if (now != null && previous != null && now.get("messagesIn") != null
                && now.get("messagesIn").equals(previous.get("messagesIn"))
                && now.get("readingsInvalid").equals(previous.get("readingsInvalid"))) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("ingest counters did not settle within 30 s: " + now);
            }
            previous = now;
            Thread.sleep(2_500);
        }
    }

    private Map<String, Set<Long>> storedReadings(CityDefinition city, Instant from, Instant to) {
        Map<String, Set<Long>> seqs = new HashMap<>();
        for (CityDefinition.SensorDefinition s : city.sensors()) {
            Map<String, Object> body = get("/sensors/" + s.id() + "/readings", from, to, true);
            assertThat(body.get("truncated")).isEqualTo(false);
            Set<Long> mine = new HashSet<>();
            for (Map<String, Object> r : list(body, "readings")) {
                mine.add(number(r.get("seq")));
            }
            seqs.put(s.id(), mine);
        }
        return seqs;
    }

    private static long count(Map<String, Set<Long>> seqsBySensor) {
        long n = seqsBySensor.values().stream().mapToLong(Set::size).sum();
        lastStatus = "readings served by the API: " + n;
        return n;
    }

    private Map<String, Object> get(String path, Instant from, Instant to, boolean withLimit) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString("http://localhost:" + port + "/api/v1/cities/" + CITY + path)
            .queryParam("from", from.toString())
            .queryParam("to", to.toString());
        if (withLimit) {
            uri.queryParam("limit", 10_000);
        }
        return RestClient.create().get().uri(uri.build().toUri()).retrieve().body(JSON);
    }

    private long deadLetterCount() {
        Map<String, Object> body = RestClient.create().get()
            .uri("http://localhost:" + port + "/api/v1/cities/" + CITY + "/dead-letters/count").retrieve().body(JSON);
        return number(body.get("count"));
    }

    private static volatile Object lastStatus;

    @SuppressWarnings("unchecked")
    private Map<String, Object> ingest() {
        Map<String, Object> status = RestClient.create().get().uri("http://localhost:" + port + "/api/v1/status").retrieve().body(JSON);
        lastStatus = status.get("ingest");
        return (Map<String, Object>) status.get("ingest");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> body, String field) {
        return (List<Map<String, Object>>) body.get(field);
    }

    private static long number(Object o) {
        return ((Number) o).longValue();
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " within " + timeout.toSeconds() + " s; status now " + lastStatus);
            }
            Thread.sleep(250);
        }
    }
}
