package org.aicity.sim;

import org.aicity.testkit.TestBroker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorCliTest {

    @Test
    void shouldPrintHelp() {
        assertThat(SimulatorCli.execute("--help")).isZero();
    }

    @Test
    void shouldRefuseBadOptionsWithExitCode2() {
        assertThat(SimulatorCli.execute("--qos", "2")).isEqualTo(2);
        assertThat(SimulatorCli.execute("--city", "atlantis")).isEqualTo(2);
        assertThat(SimulatorCli.execute("--duration", "soon")).isEqualTo(2);
    }

    @Test
    void shouldBuildTheConfigurationFromOptionsAndDefaults() {
        SimulatorCli cli = new SimulatorCli();
        new picocli.CommandLine(cli).parseArgs("-n", "500", "--batch-size", "5", "--no-meta", "--interval", "30s",
            "--start-time", "2026-11-20T00:00:00+09:00", "--time-scale", "60");

        SimulatorConfig c = cli.config();

        assertThat(c.brokerUrl()).isEqualTo(SimulatorConfig.DEFAULT_BROKER_URL);
        assertThat(c.city().id()).isEqualTo("songdo");
        assertThat(c.maxReadings()).isEqualTo(500);
        assertThat(c.batchSize()).isEqualTo(5);
        assertThat(c.publishMeta()).isFalse();
        assertThat(c.qos()).isEqualTo(1);
        assertThat(c.effectiveRate()).isEqualTo(300 * 60 / 30.0);
        assertThat(c.startTime()).isEqualTo(Instant.parse("2026-11-19T15:00:00Z"));
    }

    @Test
    void shouldReadShortAndIsoDurations() {
        SimulatorCli.DurationConverter d = new SimulatorCli.DurationConverter();

        assertThat(d.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(d.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.convert("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(d.convert("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(d.convert("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(d.convert("45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(d.convert("PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> d.convert("soon")).hasMessageContaining("not a duration");
    }

    @Test
    void shouldExitZeroWhenEveryReadingOfABoundedRunWasAcknowledged() {
        try (TestBroker broker = TestBroker.start()) {
            int exit = SimulatorCli.execute("--broker", broker.url(), "-n", "300", "--rate", "3000", "--no-meta",
                "--client-id-prefix", "cli-test");

            assertThat(exit).isZero();
        }
    }
}
