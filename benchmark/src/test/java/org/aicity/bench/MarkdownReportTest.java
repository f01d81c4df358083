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
            latency, latency, List.of());
        Results.PipelineStep unpaced = new Results.PipelineStep(100, 0, 2.0, 1_500_000, 1_500_000, 0, 198_256, 3.3,
            Results.Percentiles.NONE, Results.Percentiles.NONE, List.of());

        String md = MarkdownReport.render(new Results(machine(), Map.of("stepSeconds", 40), List.of(), List.of(paced, unpaced),
            List.of()));

        assertThat(paced.publishedRate()).isCloseTo(198_705, org.assertj.core.data.Offset.offset(1.0));
        assertThat(md).contains("| offered/s | published/s | stored/s sustained | left to drain s | loss |")
            .contains("| 100 | 200,000 | 198,705 | 196,153 | 0.0 | 0 | 110 / 300 / 423 |")
            .contains("| 100 | max | 750,000 | 198,256 | 3.3 | 0 | – |")
            .contains("Guest: virtual machine, page-table isolation off, free page reporting to the host (order 9)");
    }

    @Test
    void aStepThatNeverPublishedHasNoRate() {
        Results.PipelineStep none = new Results.PipelineStep(1, 2_000, 0, 0, 0, 0, 0, 0, Results.Percentiles.NONE,
            Results.Percentiles.NONE, List.of());
        assertThat(none.publishedRate()).isZero();
    }

    @Test
    void theJsonResultCarriesThePublishedRate() throws Exception {
        Results.PipelineStep step = new Results.PipelineStep(100, 50_000, 15, 750_000, 750_000, 0, 47_601, 0, Results.Percentiles.NONE,
            Results.Percentiles.NONE, List.of());
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(step);
        assertThat(tree.get("publishedRate").asDouble()).isEqualTo(50_000.0);
        assertThat(tree.get("offeredRate").asDouble()).isEqualTo(50_000.0);
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
