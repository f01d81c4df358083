package org.aicity.job.evaluate;

import org.aicity.job.replay.ReplayFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Forecast MAE per horizon for the model and its two baselines, from the replay's accuracy sums.
 * The model and persistence are compared on every scored target; the model and seasonal naive
 * (yesterday, same minute) on the targets where yesterday's value existed. Rows are upserts (a
 * period's sums are written again as they grow), so the last row of each key counts.
 *
 * <p>A pooled MAE over all metrics is dominated by the metrics with large units (kW), so figures
 * are also given per metric, and as the geometric mean over metrics of model MAE ÷ baseline MAE
 * (below 1: the model wins on a typical metric).
 */
final class ForecastScore {

    /** Summed absolute errors of one group (a horizon, or a horizon and metric). */
    record Sums(long count, double model, double persistence, long seasonalCount, double modelOnSeasonal, double seasonal) {

        static final Sums ZERO = new Sums(0, 0, 0, 0, 0, 0);

        Sums plus(Sums o) {
            return new Sums(count + o.count, model + o.model, persistence + o.persistence, seasonalCount + o.seasonalCount,
                modelOnSeasonal + o.modelOnSeasonal, seasonal + o.seasonal);
        }

        double maeModel() {
            return count == 0 ? Double.NaN : model / count;
        }

        double maePersistence() {
            return count == 0 ? Double.NaN : persistence / count;
        }

        double maeModelOnSeasonal() {
            return seasonalCount == 0 ? Double.NaN : modelOnSeasonal / seasonalCount;
        }

        double maeSeasonal() {
            return seasonalCount == 0 ? Double.NaN : seasonal / seasonalCount;
        }
    }

    /** Per horizon: pooled sums, sums per metric, and the geometric-mean ratios over metrics. */
    record Horizon(int minutes, Sums pooled, Map<String, Sums> byMetric) {

        double ratioToPersistence() {
            return geometricMean(byMetric.values().stream().filter(s -> s.persistence() > 0)
                .mapToDouble(s -> s.model() / s.persistence()).toArray());
        }

        double ratioToSeasonal() {
            return geometricMean(byMetric.values().stream().filter(s -> s.seasonal() > 0)
                .mapToDouble(s -> s.modelOnSeasonal() / s.seasonal()).toArray());
        }

        private static double geometricMean(double[] v) {
            if (v.length == 0) {
                return Double.NaN;
            }
            double logSum = 0;
            for (double x : v) {
                logSum += Math.log(x);
            }
            return Math.exp(logSum / v.length);
        }
    }

    /**
     * Reads accuracy rows of periods starting in [from, to).
     *
     * @param districtKpis true for the district KPI series ({@code district:...}), false for sensor series
     */
    static List<Horizon> read(Path accuracyCsv, Instant from, Instant to, boolean districtKpis) throws IOException {
        Map<String, String[]> last = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(accuracyCsv, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (!ReplayFiles.ACCURACY_HEADER.equals(header)) {
                throw new IllegalArgumentException(accuracyCsv + " is not a replay accuracy file (header " + header + ")");
            }
            String line;
            while ((line = r.readLine()) != null) {
                String[] c = line.split(",", -1);
                last.put(c[0] + "," + c[1] + "," + c[3] + "," + c[4] + "," + c[5], c);
            }
        }
        Map<Integer, Map<String, Sums>> byHorizon = new TreeMap<>();
        for (String[] c : last.values()) {
            Instant period = Instant.parse(c[5]);
            if (period.isBefore(from) || !period.isBefore(to) || c[1].startsWith("district:") != districtKpis) {
                continue;
            }
            Sums s = new Sums(Long.parseLong(c[6]), Double.parseDouble(c[7]), Double.parseDouble(c[11]), Long.parseLong(c[12]),
                Double.parseDouble(c[13]), Double.parseDouble(c[14]));
            byHorizon.computeIfAbsent(Integer.parseInt(c[4]), h -> new TreeMap<>()).merge(c[3], s, Sums::plus);
        }
        List<Horizon> out = new ArrayList<>();
        byHorizon.forEach((h, metrics) -> out.add(new Horizon(h,
            metrics.values().stream().reduce(Sums.ZERO, Sums::plus), metrics)));
        return out;
    }
}
