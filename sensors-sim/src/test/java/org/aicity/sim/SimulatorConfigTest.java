package org.aicity.sim;

import org.aicity.model.CityDefinitions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorConfigTest {

    @Test
    void shouldDefaultToSongdoOnTheLocalBrokerWithOneReadingPerSensorPerMinute() {
        SimulatorConfig c = SimulatorConfig.builder().build();

        assertThat(c.brokerUrl()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(c.city().id()).isEqualTo("songdo");
        assertThat(c.qos()).isEqualTo(1);
        assertThat(c.effectiveRate()).isEqualTo(5.0);
        assertThat(c.sensorPeriod()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.bounded()).isFalse();
        assertThat(c.clientIdPrefix()).startsWith("sensors-sim-");
        assertThat(SimulatorConfig.builder().build().clientIdPrefix()).isNotEqualTo(c.clientIdPrefix());
    }

    @Test
    void shouldDeriveTheSensorPeriodFromAnExplicitRate() {
        SimulatorConfig c = SimulatorConfig.builder().ratePerSecond(1_000).build();

        assertThat(c.sensorPeriod()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void shouldListEveryProblemWithWhatToChange() {
        assertThatThrownBy(() -> SimulatorConfig.builder().brokerUrl("localhost:1883").qos(2).batchSize(0)
            .maxReadings(-1).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("brokerUrl 'localhost:1883' must look like tcp://host:port")
            .hasMessageContaining("qos must be 0 or 1")
            .hasMessageContaining("batchSize must be between 1 and 5000")
            .hasMessageContaining("maxReadings must be 0 (no limit) or positive");
    }

    @Test
    void shouldRefuseATimeScaleWithoutAStartTimeInThePast() {
        assertThatThrownBy(() -> SimulatorConfig.builder().timeScale(1440).build())
            .hasMessageContaining("needs a startTime");

        assertThat(SimulatorConfig.builder().timeScale(1440).startTime(Instant.parse("2026-11-20T00:00:00Z")).build()
            .effectiveRate()).isEqualTo(300 * 1440 / 60.0);
    }

    @Test
    void shouldRefuseAnIntervalThatIsNotPositive() {
        assertThatThrownBy(() -> SimulatorConfig.builder().interval(Duration.ZERO).build())
            .hasMessageContaining("interval must be positive");
    }

    @Test
    void shouldKeepEverythingWhenCopiedThroughItsBuilder() {
        SimulatorConfig c = SimulatorConfig.builder().city(CityDefinitions.builtIn("songdo")).seed(9).qos(0)
            .batchSize(10).connections(3).invalidMessages(5).publishMeta(false).build();

        assertThat(c.toBuilder().build()).isEqualTo(c);
    }
}
