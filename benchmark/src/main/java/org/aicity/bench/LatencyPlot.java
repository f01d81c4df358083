package org.aicity.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The PNG of a run: publish→stored latency (p50, p95, p99, log scale) against the offered rate of the
 * paced steps, with the stored rate written under each point. Drawn with Java2D, headless.
 */
final class LatencyPlot {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final int LEFT = 90;
    private static final int RIGHT = 40;
    private static final int TOP = 60;
    private static final int BOTTOM = 90;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0xd62728)};

    private LatencyPlot() {
    }

    /**
     * Writes the plot of the paced single-reading steps; false (and nothing written) when the run has
     * fewer than two with latencies.
     */
    static boolean write(Results results, Path png) throws IOException {
        List<Results.PipelineStep> steps = new ArrayList<>();
        for (Results.PipelineStep s : results.pipeline()) {
            // single-reading messages only: one line against one axis of offered rate
            if (s.batchSize() == 1 && s.offeredRate() > 0 && s.storedLatencyMs().samples() > 0 && s.storedLatencyMs().p99() > 0) {
                steps.add(s);
            }
        }
        if (steps.size() < 2) {
            return false;
        }
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            draw(g, results, steps);
        } finally {
            g.dispose();
        }
        return ImageIO.write(image, "png", png.toFile());
    }

    private static void draw(Graphics2D g, Results results, List<Results.PipelineStep> steps) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);

        double maxRate = steps.stream().mapToDouble(Results.PipelineStep::offeredRate).max().orElse(1) * 1.05;
        double minMs = Math.max(1, steps.stream().mapToDouble(s -> s.storedLatencyMs().p50()).min().orElse(1));
        double maxMs = steps.stream().mapToDouble(s -> s.storedLatencyMs().p99()).max().orElse(10);
        double lo = Math.pow(10, Math.floor(Math.log10(minMs)));
        double hi = Math.pow(10, Math.ceil(Math.log10(maxMs)));
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        ToDoubleFunction<Double> x = r -> LEFT + plotW * r / maxRate;
        ToDoubleFunction<Double> y = ms -> TOP + plotH * (1 - (Math.log10(ms) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)));

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        g.drawString("Publish → stored latency against offered rate (single readings, QoS 1)", LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(String.valueOf(results.machine().getOrDefault("cpu", "")) + ", job parallelism "
            + results.settings().getOrDefault("jobParallelism", "?") + ", checkpoint "
            + results.settings().getOrDefault("checkpointInterval", "?"), LEFT, 48);

        // grid and axes: a line per power of ten and per 1-2-5 step between
        g.setColor(new Color(0xe0e0e0));
        for (double d = lo; d <= hi * 1.0001; d *= 10) {
            for (double m : new double[] {1, 2, 5}) {
                double v = d * m;
                if (v > hi * 1.0001) {
                    break;
                }
                int yy = (int) y.applyAsDouble(v);
                g.setColor(m == 1 ? new Color(0xc8c8c8) : new Color(0xececec));
                g.drawLine(LEFT, yy, LEFT + plotW, yy);
                g.setColor(Color.DARK_GRAY);
                g.drawString(label(v), LEFT - 8 - g.getFontMetrics().stringWidth(label(v)), yy + 4);
            }
        }
        double step = niceStep(maxRate / 6);
        for (double r = 0; r <= maxRate; r += step) {
            int xx = (int) x.applyAsDouble(r);
            g.setColor(new Color(0xececec));
            g.drawLine(xx, TOP, xx, TOP + plotH);
            g.setColor(Color.DARK_GRAY);
            String s = String.format(Locale.ROOT, "%,.0f", r);
            g.drawString(s, xx - g.getFontMetrics().stringWidth(s) / 2, TOP + plotH + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotW, plotH);
        g.drawString("offered readings/s (number under each point: stored readings/s)", LEFT + plotW / 2 - 180, HEIGHT - 40);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString("latency (log scale)", -(TOP + plotH / 2 + 50), 22);
        rotated.dispose();

        String[] names = {"p50", "p95", "p99"};
        List<ToDoubleFunction<Results.PipelineStep>> series = List.of(s -> s.storedLatencyMs().p50(),
            s -> s.storedLatencyMs().p95(), s -> s.storedLatencyMs().p99());
        g.setStroke(new BasicStroke(2f));
        for (int k = 0; k < series.size(); k++) {
            g.setColor(COLORS[k]);
            int px = -1;
            int py = -1;
            for (Results.PipelineStep s : steps) {
                int xx = (int) x.applyAsDouble(s.offeredRate());
                int yy = (int) y.applyAsDouble(Math.max(lo, series.get(k).applyAsDouble(s)));
                if (px >= 0) {
                    g.drawLine(px, py, xx, yy);
                }
                g.fillOval(xx - 4, yy - 4, 8, 8);
                px = xx;
                py = yy;
            }
            g.fillRect(LEFT + plotW - 90, TOP + 12 + 18 * k, 14, 4);
            g.drawString(names[k], LEFT + plotW - 70, TOP + 18 + 18 * k);
        }
        g.setColor(Color.DARK_GRAY);
        for (Results.PipelineStep s : steps) {
            String stored = String.format(Locale.ROOT, "%,.0f", s.sustainedRate());
            int xx = (int) x.applyAsDouble(s.offeredRate());
            g.drawString(stored, xx - g.getFontMetrics().stringWidth(stored) / 2, TOP + plotH + 36);
        }
    }

    private static String label(double ms) {
        return ms >= 1000 ? String.format(Locale.ROOT, "%,.0f s", ms / 1000) : String.format(Locale.ROOT, "%.0f ms", ms);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    private static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (p * m >= raw) {
                return p * m;
            }
        }
        return p * 10;
    }
}
