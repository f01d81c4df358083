package org.aicity.job;

import org.aicity.job.mqtt.AckMode;
import org.aicity.job.sink.JdbcSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobConfigTest {

    @Test
    void shouldUseDefaultsWhenNothingIsGiven() {
        JobConfig c = JobConfig.parse(new String[0], Map.of());

        assertThat(c.mqttUrl()).isEqualTo("tcp://localhost:1883");
        assertThat(c.mqttAckMode()).isEqualTo(AckMode.CHECKPOINT);
        assertThat(c.outOfOrderness()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.cities()).extracting(city -> city.id()).containsExactly("songdo");
        assertThat(c.pipelineSettings().knownSensorsByCity().get("songdo")).contains("songdo-trf-0001");
        assertThat(c.mqttSourceSettings().subscriptionFilter()).isEqualTo("$share/aicity-stream-job/city/+/+/+");
        assertThat(c.jdbcSettings().readingsWrite()).isEqualTo(JdbcSettings.ReadingsWrite.COPY);
    }

    @Test
    void shouldWriteReadingsByInsertWhenAsked() {
        assertThat(JobConfig.parse(new String[] {"--jdbc-readings-write", "insert"}, Map.of()).jdbcSettings().readingsWrite())
            .isEqualTo(JdbcSettings.ReadingsWrite.INSERT);
        assertThat(JobConfig.fromMap(Map.of("JDBC_READINGS_WRITE", "COPY")).jdbcSettings().readingsWrite())
            .isEqualTo(JdbcSettings.ReadingsWrite.COPY);
        assertThatThrownBy(() -> JobConfig.fromMap(Map.of("JDBC_READINGS_WRITE", "upsert")))
            .hasMessageContaining("JDBC_READINGS_WRITE (--jdbc-readings-write) must be one of [COPY, INSERT], got 'upsert'");
    }

    @Test
    void shouldTakeTurnsOnTwoConnectionsForReadingsUnlessToldOtherwise() {
        assertThat(JobConfig.parse(new String[0], Map.of()).jdbcSettings().readingsConnections()).isEqualTo(2);
        assertThat(JobConfig.parse(new String[] {"--jdbc-readings-connections", "1"}, Map.of()).jdbcSettings().readingsConnections())
            .isEqualTo(1);
        assertThat(JobConfig.fromMap(Map.of("JDBC_READINGS_CONNECTIONS", "4")).jdbcSettings().readingsConnections()).isEqualTo(4);
        assertThatThrownBy(() -> JobConfig.fromMap(Map.of("JDBC_READINGS_CONNECTIONS", "0")))
            .hasMessageContaining("JDBC_READINGS_CONNECTIONS (--jdbc-readings-connections) must be between 1 and 8, got 0");
        assertThat(JobConfig.usage()).contains("JDBC_READINGS_CONNECTIONS");
    }

    @Test
    void shouldLetArgumentsOverrideTheEnvironment() {
        JobConfig c = JobConfig.parse(new String[] {"--mqtt-ack-mode", "receipt", "--checkpoint-interval", "PT2S"},
            Map.of("MQTT_ACK_MODE", "CHECKPOINT", "MQTT_URL", "tcp://broker:1883", "OUT_OF_ORDERNESS", "200ms", "PATH", "/bin"));

        assertThat(c.mqttAckMode()).isEqualTo(AckMode.RECEIPT);
        assertThat(c.mqttUrl()).isEqualTo("tcp://broker:1883");
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.outOfOrderness()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void shouldReportEveryProblemWithWhatToChange() {
        assertThatThrownBy(() -> JobConfig.parse(new String[] {"--mqtt-url", "localhost", "--bogus", "1"},
            Map.of("MQTT_ACK_MODE", "sometimes", "JDBC_URL", "jdbc:mysql://x", "CITY", "atlantis", "OUT_OF_ORDERNESS", "5 parsecs")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("MQTT_URL (--mqtt-url): 'localhost' must start with tcp://")
            .hasMessageContaining("--bogus is not an option")
            .hasMessageContaining("MQTT_ACK_MODE (--mqtt-ack-mode) must be one of [CHECKPOINT, RECEIPT]")
            .hasMessageContaining("JDBC_URL (--jdbc-url): 'jdbc:mysql://x' must start with jdbc:postgresql:")
            .hasMessageContaining("CITY (--city): 'atlantis' is neither a built-in city")
            .hasMessageContaining("OUT_OF_ORDERNESS (--out-of-orderness): '5 parsecs' is not a duration");
    }

    @Test
    void shouldRefuseAPlainSubscriptionWithParallelReaders() {
        assertThatThrownBy(() -> JobConfig.fromMap(Map.of("MQTT_SHARED_GROUP", "", "PARALLELISM", "2")))
            .hasMessageContaining("MQTT_SHARED_GROUP (--mqtt-shared-group) is empty");
    }

    @Test
    void shouldNotPrintPasswords() {
        JobConfig c = JobConfig.fromMap(Map.of("MQTT_PASSWORD", "s3cret", "JDBC_PASSWORD", "t0p"));

        assertThat(c.toString()).doesNotContain("s3cret").doesNotContain("t0p");
        assertThat(c.jdbcSettings().toString()).doesNotContain("t0p");
    }
}
