package org.aicity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The run's files are written after every step, marked partial, and whole at the end. */
class ResultFilesTest {

    @TempDir
    Path dir;

    @Test
    void eachStepRewritesTheFilesAsPartialAndTheEndMarksThemComplete() throws Exception {
        Map<String, Object> machine = Map.of("cores", 2, "cpu", "AMD EPYC", "started", "2026-12-06T21:00:00Z");
        List<Results.Ceiling> ceilings = new ArrayList<>(List.of(
            new Results.Ceiling(100, 2, 15, 7_500_000, 75_000, 500_000, 5_000, List.of())));
        List<Results.PipelineStep> steps = new ArrayList<>();
        steps.add(step(200_000, 196_000));

        BenchmarkCli.write(dir, machine, Map.of("stepSeconds", 40), ceilings, steps, false);
        JsonNode partial = new ObjectMapper().readTree(dir.resolve("result.json").toFile());
        assertThat(partial.get("complete").asBoolean()).isFalse();
        assertThat(partial.get("pipeline")).hasSize(1);
        assertThat(Files.readString(dir.resolve("result.md"))).startsWith("**Partial**");

        steps.add(step(0, 198_000)); // the unpaced step: now the ratio can be worked out
        BenchmarkCli.write(dir, machine, Map.of("stepSeconds", 40), ceilings, steps, true);
        JsonNode whole = new ObjectMapper().readTree(dir.resolve("result.json").toFile());
        assertThat(whole.get("complete").asBoolean()).isTrue();
        assertThat(whole.get("pipeline")).hasSize(2);
        assertThat(whole.get("ratios").get(0).get("ratio").asDouble()).isEqualTo(198_000 / 500_000.0);
        assertThat(whole.get("machine").get("started").asText()).isEqualTo("2026-12-06T21:00:00Z");
        assertThat(Files.readString(dir.resolve("result.md"))).doesNotContain("Partial").contains("| 100 | 500,000 | 198,000 | 0.40 |");
    }

    private static Results.PipelineStep step(double offered, double stored) {
        return new Results.PipelineStep(100, offered, 40, 8_000_000, 8_000_000, 0, stored, 0.1, Results.Percentiles.NONE,
            Results.Percentiles.NONE, List.of(), new Results.HostProbe(40, Double.NaN, 41));
    }
}
