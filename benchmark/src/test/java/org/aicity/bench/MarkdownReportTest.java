package org.aicity.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Markdown summary: what the simulator really published, and what was left to drain, beside the offered rate. */
class MarkdownReportTest {

    @Test
    void aPacedStepShowsPublishedRateAndTimeLeftToDrain() {
        Results.Percentiles latency = new Results.Percentiles(79_800, 110, 300, 423);
        // 7,980,000 readings acknowledged in 40.16 s at an offered 200,000/s: 198,705/s published
        Results.PipelineStep paced = new Results.PipelineStep(100, 200_000, 40.16, 7_980_000, 7_980_000, 0, 196_153, 0.04,
            latency, latency, List.of(), null);
        Results.PipelineStep unpaced = new Results.PipelineStep(100, 0, 2.0, 1_500_000, 1_500_000, 0, 198_256, 3.3,
            Results.Percentiles.NONE, Results.Percentiles.NONE, List.of(), null);

        String md = MarkdownReport.render(new Results(machine(), Map.of("stepSeconds", 40), List.of(), List.of(paced, unpaced),
            List.of(), true));

        assertThat(paced.publishedRate()).isCloseTo(198_705, org.assertj.core.data.Offset.offset(1.0));
        assertThat(md).contains("| offered/s | published/s | stored/s sustained | left to drain s | loss |")
            .contains("| 100 | 200,000 | 198,705 | 196,153 | 0.0 | 0 | 110 / 300 / 423 |")
            .contains("| 100 | max | 750,000 | 198,256 | 3.3 | 0 | – |")
            .contains("Guest: virtual machine, page-table isolation off, free page reporting to the host (order 9)");
    }

    @Test
    void aStepThatNeverPublishedHasNoRate() {
        Results.PipelineStep none = new Results.PipelineStep(1, 2_000, 0, 0, 0, 0, 0, 0, Results.Percentiles.NONE,
            Results.Percentiles.NONE, List.of(), null);
        assertThat(none.publishedRate()).isZero();
    }

    @Test
    void theJsonResultCarriesThePublishedRate() throws Exception {
        Results.PipelineStep step = new Results.PipelineStep(100, 50_000, 15, 750_000, 750_000, 0, 47_601, 0, Results.Percentiles.NONE,
            Results.Percentiles.NONE, List.of(), null);
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(step);
        assertThat(tree.get("publishedRate").asDouble()).isEqualTo(50_000.0);
        assertThat(tree.get("offeredRate").asDouble()).isEqualTo(50_000.0);
    }

    @Test
    void eachStepShowsItsCpuPerReadingAndTheHostProbeAroundIt() throws Exception {
        Results.Percentiles latency = new Results.Percentiles(84_000, 133, 891, 1_106);
        // a window of 41.28 s (40.27 s of publishing, 1.01 s of draining) for 8,400,000 readings, 1.19 cores busy in all
        List<ProcessSampler.ProcessFigures> processes = List.of(
            new ProcessSampler.ProcessFigures("mosquitto", 8.0, 66, 3.3024, 41.28),
            new ProcessSampler.ProcessFigures("postgresql", 45.0, 1_328, 18.576, 41.28),
            new ProcessSampler.ProcessFigures("benchmark JVM (simulator, subscriber)", 23.0, 303, 9.4944, 41.28),
            new ProcessSampler.ProcessFigures("platform JVM (API + Flink job)", 43.0, 1_360, 17.7504, 41.28));
        Results.PipelineStep step = new Results.PipelineStep(100, 210_000, 40.27, 8_400_000, 8_400_000, 0, 200_436, 1.01,
            latency, latency, processes, new Results.HostProbe(12.25, 30.0, 25.04));

        String md = MarkdownReport.render(new Results(machine(), Map.of("stepSeconds", 40), List.of(), List.of(step), List.of(), true));

        // (3.3024 + 18.576 + 9.4944 + 17.7504) CPU s / 8,400,000 = 5.85 µs
        assertThat(step.cpuMicrosPerReading()).isCloseTo(5.848, org.assertj.core.data.Offset.offset(0.001));
        assertThat(md).contains("| CPU µs/reading | host probe ms before / during / after |")
            .contains("| 43 / 1360 | 45 / 1328 | 8 / 66 | 23 / 303 | 5.85 | 12.3 / 30.0 / 25.0 |")
            .contains("Host probe: a fixed piece of CPU and memory work");
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(step);
        assertThat(tree.get("cpuMicrosPerReading").asDouble()).isCloseTo(5.848, org.assertj.core.data.Offset.offset(0.001));
        assertThat(tree.get("hostProbeMs").get("afterMs").asDouble()).isEqualTo(25.04);
        assertThat(tree.get("hostProbeMs").get("duringMs").asDouble()).isEqualTo(30.0);
    }

    @Test
    void withoutProcessesOrProbeTheColumnsSayNothingWasMeasured() {
        Results.PipelineStep step = new Results.PipelineStep(1, 2_000, 15, 30_000, 30_000, 0, 1_950, 0.1,
            Results.Percentiles.NONE, Results.Percentiles.NONE, List.of(), null);
        String md = MarkdownReport.render(new Results(machine(), Map.of(), List.of(), List.of(step), List.of(), true));
        assertThat(md).contains("| – | – | – | – | – | – |").doesNotContain("Host probe:").doesNotContain("Partial");
    }

    @Test
    void aResultWrittenWhileTheRunGoesOnSaysItIsPartial() throws Exception {
        Results.PipelineStep step = new Results.PipelineStep(1, 2_000, 15, 30_000, 30_000, 0, 1_950, 0.1,
            Results.Percentiles.NONE, Results.Percentiles.NONE, List.of(), null);
        Results partial = new Results(machine(), Map.of(), List.of(), List.of(step), List.of(), false);

        assertThat(MarkdownReport.render(partial)).startsWith("**Partial**: the run had not finished")
            .contains("| 1 | 2,000 |");
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(partial);
        assertThat(tree.get("complete").asBoolean()).isFalse();
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", 2);
        m.put("cpu", "AMD EPYC");
        m.put("memoryGiB", 24L);
        m.put("virtualMachine", true);
        m.put("pageTableIsolation", "off");
        m.put("freePageReportingOrder", 9);
        m.put("kernel", "6.18.44-fc-v1300");
        m.put("java", "OpenJDK 64-Bit Server VM 17.0.15");
        return m;
    }
}
