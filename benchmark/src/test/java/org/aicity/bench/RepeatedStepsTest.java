package org.aicity.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code --repeat}: a step measured several times is summarised by how often it kept up. */
class RepeatedStepsTest {

    private static Results.PipelineStep step(int batch, double offered, double published, double sustained, double drain,
                                             long loss, double probeDuring) {
        long acked = Math.round(published * 40);
        ProcessSampler.ProcessFigures all = new ProcessSampler.ProcessFigures("platform JVM", 100, 1_000,
            (acked - loss) * 6e-6, 40 + drain); // 6 µs of CPU a stored reading
        return new Results.PipelineStep(batch, offered, 40, acked, acked - loss, loss, sustained, drain,
            Results.Percentiles.NONE, Results.Percentiles.NONE, List.of(all), new Results.HostProbe(40, probeDuring, 41));
    }

    @Test
    void keptUpMeansNothingLostAndAtMostFivePercentOfThePublishingTimeLeftToDrain() {
        assertThat(Results.Repeated.keptUp(step(100, 210_000, 208_500, 205_552, 0.0, 0, 42))).isTrue();
        assertThat(Results.Repeated.keptUp(step(100, 210_000, 208_500, 199_101, 2.0, 0, 42))).isTrue(); // 2 s of 40 s
        assertThat(Results.Repeated.keptUp(step(100, 210_000, 208_500, 196_000, 2.1, 0, 42))).isFalse();
        assertThat(Results.Repeated.keptUp(step(100, 210_000, 208_500, 205_000, 0.0, 3, 42))).isFalse();
    }

    @Test
    void eachRepeatedStepIsSummarisedOnceInTheOrderFirstMeasured() throws Exception {
        List<Results.PipelineStep> steps = List.of(
            step(1, 2_000, 1_990, 1_960, 0, 0, 50),                    // measured once: no summary
            step(100, 210_000, 208_534, 201_410, 0.8, 0, 41.7),
            step(100, 210_000, 201_806, 144_245, 16.0, 0, 199.1),
            step(100, 210_000, 208_655, 205_552, 0.0, 0, 40.0),
            step(100, 0, 500_000, 207_000, 3.0, 0, 120),
            step(100, 0, 480_000, 190_000, 4.0, 0, Double.NaN));
        Results r = new Results(Map.of("cores", 2), Map.of("repeat", 3), List.of(), steps, List.of(), true);

        assertThat(r.repeated()).hasSize(2);
        Results.Repeated paced = r.repeated().get(0);
        assertThat(paced.batchSize()).isEqualTo(100);
        assertThat(paced.offeredRate()).isEqualTo(210_000);
        assertThat(paced.runs()).isEqualTo(3);
        assertThat(paced.keptUp()).isEqualTo(2);
        assertThat(paced.minStoredPerSecond()).isEqualTo(144_245);
        assertThat(paced.medianStoredPerSecond()).isEqualTo(201_410);
        assertThat(paced.maxStoredPerSecond()).isEqualTo(205_552);
        assertThat(paced.cpuMicrosPerReading()).isCloseTo(6.0, within(1e-9));
        assertThat(paced.hostProbeDuringMs()).isEqualTo(41.7);
        Results.Repeated unpaced = r.repeated().get(1);
        assertThat(unpaced.runs()).isEqualTo(2);
        assertThat(unpaced.medianStoredPerSecond()).isEqualTo(198_500); // the mean of the middle two
        assertThat(unpaced.hostProbeDuringMs()).isEqualTo(120);         // the run without a sample is left out

        String md = MarkdownReport.render(r);
        assertThat(md).contains("| readings/message | offered/s | runs | kept up | stored/s lowest / median / highest |")
            .contains("| 100 | 210,000 | 3 | 2 | 144,245 / 201,410 / 205,552 | 6.00 | 41.7 |")
            .contains("| 100 | max | 2 | 0 | 190,000 / 198,500 / 207,000 | 6.00 | 120.0 |");
        var json = new ObjectMapper().valueToTree(r);
        assertThat(json.get("repeated")).hasSize(2);
        assertThat(json.get("repeated").get(0).get("keptUp").asInt()).isEqualTo(2);
    }

    @Test
    void aRunWithoutRepeatsHasNoSummary() {
        Results r = new Results(Map.of("cores", 2), Map.of(), List.of(),
            List.of(step(100, 210_000, 208_534, 201_410, 0.8, 0, 41.7), step(100, 0, 500_000, 207_000, 3.0, 0, 120)),
            List.of(), true);
        assertThat(r.repeated()).isEmpty();
        assertThat(MarkdownReport.render(r)).doesNotContain("Repeated steps");
    }

    @Test
    void theProgressLineGivesLatenciesOnlyWhereTheyWereMeasured() {
        Results.PipelineStep unpaced = step(100, 0, 500_000, 207_000, 3.0, 0, 120);
        assertThat(BenchmarkCli.latencyText(unpaced)).isEmpty();
        Results.PipelineStep paced = new Results.PipelineStep(100, 210_000, 40, 8_400_000, 8_400_000, 0, 205_000, 0.1,
            new Results.Percentiles(84_000, 224, 530, 585), Results.Percentiles.NONE, List.of(), null);
        assertThat(BenchmarkCli.latencyText(paced))
            .isEqualTo("publish->stored p50/p95/p99 224/530/585 ms, publish->API p50/p95/p99 -/-/- ms, ");
    }
}
