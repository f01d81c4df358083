package org.aicity.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LatencyPlot}: a PNG of the paced steps' latencies, or nothing when there is nothing to plot. */
class LatencyPlotTest {

    @Test
    void drawsThePacedStepsAndSkipsTheUnpacedOnes(@TempDir Path dir) throws Exception {
        Results results = results(List.of(
            step(1, 2_000, 1_908, 738, 846, 875),
            step(1, 5_000, 4_721, 678, 718, 738),
            step(1, 10_000, 9_412, 685, 1_007, 1_129),
            step(1, 20_000, 13_849, 5_118, 6_568, 6_623),
            step(1, 0, 13_247, Double.NaN, Double.NaN, Double.NaN)));
        Path png = dir.resolve("latency.png");

        assertThat(LatencyPlot.write(results, png)).isTrue();

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(560);
        // the three series are drawn in their own colours
        assertThat(countPixels(image, 0x1f77b4)).as("p50").isGreaterThan(100);
        assertThat(countPixels(image, 0xff7f0e)).as("p95").isGreaterThan(100);
        assertThat(countPixels(image, 0xd62728)).as("p99").isGreaterThan(100);
    }

    @Test
    void writesNothingWithoutTwoPacedSteps(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("latency.png");
        Results results = results(List.of(step(1, 5_000, 4_721, 678, 718, 738), step(100, 0, 31_384, Double.NaN, Double.NaN, Double.NaN)));

        assertThat(LatencyPlot.write(results, png)).isFalse();
        assertThat(Files.exists(png)).isFalse();
    }

    @Test
    void plotsOnlyTheSingleReadingSteps(@TempDir Path dir) throws Exception {
        // one single-reading step and two paced steps of gateway batches: no line of singles to draw
        Path png = dir.resolve("latency.png");
        Results results = results(List.of(step(1, 5_000, 4_721, 678, 718, 738),
            step(100, 50_000, 49_000, 700, 800, 900), step(100, 100_000, 86_000, 5_000, 6_000, 7_000)));

        assertThat(LatencyPlot.write(results, png)).isFalse();
        assertThat(Files.exists(png)).isFalse();
    }

    private static Results results(List<Results.PipelineStep> steps) {
        return new Results(Map.of("cpu", "AMD EPYC", "cores", 2), Map.of("jobParallelism", 1, "checkpointInterval", "PT1S"),
            List.of(), steps, List.of(), true);
    }

    private static Results.PipelineStep step(int batch, double offered, double stored, double p50, double p95, double p99) {
        Results.Percentiles latency = Double.isNaN(p50) ? Results.Percentiles.NONE : new Results.Percentiles(1_000, p50, p95, p99);
        return new Results.PipelineStep(batch, offered, 15, 30_000, 30_000, 0, stored, 0.5, latency, latency, List.of(), null);
    }

    private static int countPixels(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
