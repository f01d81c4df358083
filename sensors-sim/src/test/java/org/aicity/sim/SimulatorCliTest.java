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
    void shouldRefuseBadFaultRatesAndSchedulesWithExitCode2(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
        throws Exception {
        java.nio.file.Path schedule = dir.resolve("incidents.jsonl");
        java.nio.file.Files.writeString(schedule, "{\"kind\":\"traffic-accident\",\"sensors\":[\"songdo-trf-9999\"],"
            + "\"start\":\"+PT1H\",\"duration\":\"PT30M\"}\n");

        assertThat(SimulatorCli.execute("--late-rate", "2")).isEqualTo(2);
        assertThat(SimulatorCli.execute("--incidents", schedule.toString())).isEqualTo(2);
        assertThat(SimulatorCli.execute("--sensors", "-5")).isEqualTo(2);
    }

    @Test
    void shouldExportAScaledCityWithScheduledIncidentsAndGroundTruth(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
        throws Exception {
        java.nio.file.Path schedule = dir.resolve("incidents.jsonl");
        java.nio.file.Files.writeString(schedule, """
            # an accident on the way to Incheon Bridge, and a stuck station
            {"kind":"traffic-accident","sensors":["songdo-trf-0040"],"start":"+PT10M","duration":"PT20M"}
            {"kind":"stuck-value","sensors":["songdo-env-0002"],"start":"2026-11-20T00:05:00Z","end":"2026-11-20T00:25:00Z"}
            """);
        java.nio.file.Path csv = dir.resolve("out.csv");
        java.nio.file.Path truth = dir.resolve("truth.jsonl");

        int exit = SimulatorCli.execute("--sensors", "1000", "--start-time", "2026-11-20T00:00:00Z", "--end-time",
            "2026-11-20T00:30:00Z", "--incidents", schedule.toString(), "--duplicate-rate", "0.01", "--export", csv.toString(),
            "--ground-truth", truth.toString());

        assertThat(exit).isZero();
        assertThat(java.nio.file.Files.lines(csv).count()).isGreaterThan(1000 * 30);
        assertThat(org.aicity.sim.truth.GroundTruthReader.read(truth))
            .extracting(e -> e.kind().wireName()).contains("traffic-accident", "stuck-value", "duplicate");
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
