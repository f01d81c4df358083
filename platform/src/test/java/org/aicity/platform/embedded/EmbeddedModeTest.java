package org.aicity.platform.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded run mode end to end in one JVM: PostgreSQL, HiveMQ, the stream job on a MiniCluster
 * and the simulator, all on free ports (never the machine's 5432/1883/8081), and readings reaching
 * the API. Bounded: the context starts in ~20 s, readings show within seconds of the first publish.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "aicity.mode=embedded",
    "spring.datasource.url=",
    "aicity.mqtt.url=",
    "aicity.work-dir=target/embedded-mode-test",
    "aicity.embedded.database.port=0",
    "aicity.embedded.broker.port=0",
    "aicity.embedded.job.rest-port=0",
    "aicity.embedded.job.checkpoint-interval=PT2S",
    "aicity.embedded.simulator.sensor-interval=PT5S",
    "aicity.embedded.simulator.backfill=PT3M",
})
class EmbeddedModeTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedDatabase database;

    @Autowired
    EmbeddedBroker broker;

    private RestClient api() {
        return RestClient.create("http://localhost:" + port);
    }

    @Test
    void theDatabaseFlushesToDiskLikeAProductionServer() throws SQLException {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.username(), null);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('fsync') || ',' || current_setting('synchronous_commit')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("on,on");
        }
    }

    @Test
    void startsEveryPartInThisJvmOnFreePorts() {
        assertThat(database.port()).isNotEqualTo(5432);
        assertThat(broker.port()).isNotEqualTo(1883);

        Map<String, Object> status = api().get().uri("/api/v1/status").retrieve().body(JSON);
        assertThat(status).containsEntry("mode", "embedded");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> components = (List<Map<String, Object>>) status.get("components");
        assertThat(components).extracting(c -> c.get("name") + "=" + c.get("runs"))
            .containsExactly("database=embedded", "mqtt-broker=embedded", "stream-job=embedded", "simulator=embedded");

        Map<String, Object> sensors = api().get().uri("/api/v1/cities/songdo/sensors").retrieve().body(JSON);
        assertThat(sensors).containsEntry("total", 300);
    }

    @Test
    @Timeout(value = 45, unit = TimeUnit.SECONDS)
    void simulatedReadingsReachTheApiThroughBrokerJobAndDatabase() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        int readings = 0;
        long valid = 0;
        while ((readings == 0 || valid == 0) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            Map<String, Object> body = api().get().uri("/api/v1/cities/songdo/sensors/songdo-trf-0001/readings")
                .retrieve().body(JSON);
            readings = ((List<?>) body.get("readings")).size();
            Map<String, Object> status = api().get().uri("/api/v1/status").retrieve().body(JSON);
            @SuppressWarnings("unchecked")
            Map<String, Object> ingest = (Map<String, Object>) status.get("ingest");
            valid = ((Number) ingest.get("readingsValid")).longValue();
        }
        assertThat(readings).as("readings of songdo-trf-0001 stored by the embedded job").isPositive();
        assertThat(valid).as("valid readings the job reports in ingest_status").isPositive();
    }

    @Test
    @Timeout(value = 45, unit = TimeUnit.SECONDS)
    void backfillMakesTheFirstMinuteAggregatesAvailableRightAfterStart() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        List<?> buckets = List.of();
        while (buckets.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            Map<String, Object> body = api().get()
                .uri("/api/v1/cities/songdo/sensors/songdo-trf-0001/aggregates?metric=intensity")
                .retrieve().body(JSON);
            buckets = (List<?>) body.get("aggregates");
        }
        assertThat(buckets).as("closed 1-minute windows of the backfilled history").hasSizeGreaterThanOrEqualTo(2);
    }
}
