package org.aicity.sim;

import org.aicity.model.CityDefinitions;
import org.aicity.model.DecodeResult;
import org.aicity.model.ReadingCodec;
import org.aicity.sim.export.ExportFormat;
import org.aicity.sim.export.ExportTarget;
import org.aicity.sim.truth.GroundTruthEvent;
import org.aicity.sim.truth.GroundTruthReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator writing to files instead of a broker: the library API a test or a replay uses. */
class SimulatorExportTest {

    private static final Instant START = Instant.parse("2026-11-17T00:00:00Z");

    @Test
    void shouldExportAnHourOfGoyangToCsvWithItsGroundTruth(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("goyang.csv");
        Path truth = dir.resolve("truth.jsonl");
        SimulatorConfig config = SimulatorConfig.builder().city(CityDefinitions.builtIn("goyang")).startTime(START)
            .endTime(START.plus(Duration.ofHours(1))).incidentsPerHour(30).transportFaults(new TransportFaults(0.01, 0.01,
                0.01, 0.01, 0, null, null)).export(ExportTarget.of(csv)).groundTruthFile(truth).build();

        try (Simulator sim = new Simulator(config)) {
            sim.run();
            SimulatorStats stats = sim.stats();

            List<String> lines = Files.readAllLines(csv);
            assertThat(lines.get(0)).isEqualTo("timestamp,sensorId,metric,value");
            assertThat(lines.get(1)).matches("2026-11-17T00:00:00Z,goyang-trf-0001,intensity,\\d+");
            long metricsPerSensor = config.city().sensors().stream().mapToLong(s -> s.metrics().size()).sum();
            assertThat(lines).hasSizeGreaterThan((int) (0.9 * metricsPerSensor * 60));
            List<GroundTruthEvent> events = GroundTruthReader.read(truth);
            assertThat(events).isNotEmpty();
            assertThat(events.stream().mapToLong(e -> 1).sum()).isEqualTo(stats.injected().values().stream().mapToLong(Long::longValue).sum());
            assertThat(stats.readingsAcknowledged()).isEqualTo(stats.readingsSent());
        }
    }

    @Test
    void shouldExportWireFormatReadingsToJsonLinesThatIngestAccepts(@TempDir Path dir) throws Exception {
        Path jsonl = dir.resolve("songdo.data");
        SimulatorConfig config = SimulatorConfig.builder().startTime(START).maxReadings(900)
            .export(new ExportTarget(jsonl, ExportFormat.JSONL)).build();
        try (Simulator sim = new Simulator(config)) {
            sim.run();
        }
        ReadingCodec codec = new ReadingCodec();
        List<String> lines = Files.readAllLines(jsonl);
        assertThat(lines).hasSize(900);
        for (String line : lines) {
            String sensor = line.substring(line.indexOf(":\"") + 2, line.indexOf("\","));
            String topic = config.city().sensor(sensor).orElseThrow().topic("songdo").name();
            DecodeResult d = codec.decode(topic, line.getBytes(java.nio.charset.StandardCharsets.UTF_8), START.plus(Duration.ofHours(1)));
            assertThat(d.rejections()).as(line).isEmpty();
        }
    }
}
