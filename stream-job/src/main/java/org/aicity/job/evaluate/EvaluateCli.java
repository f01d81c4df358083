package org.aicity.job.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.aicity.job.replay.ReplayFiles;
import org.aicity.sim.truth.GroundTruthEvent;
import org.aicity.sim.truth.GroundTruthReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** Scores a replay's alerts and forecasts against the simulator's ground truth; see {@code --help}. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Scores a replay against the simulator's ground truth: recall, precision and median detection delay "
        + "per alert kind, and forecast MAE per horizon for the model, persistence and seasonal naive.",
        "Prints a table and writes the figures as JSON."})
public final class EvaluateCli implements Callable<Integer> {

    @Option(names = {"-r", "--replay-out"}, required = true, description = "the replay's output directory")
    Path replayOut;

    @Option(names = {"-t", "--truth"}, required = true, description = "the simulator's ground-truth JSON lines")
    Path truth;

    @Option(names = "--from", description = "start of the evaluation window, ISO-8601 (default: first scored hour + --warm-up)")
    Instant from;

    @Option(names = "--to", description = "end of the evaluation window (default: the end of the replay)")
    Instant to;

    @Option(names = "--warm-up", defaultValue = "P1D", description = "left out at the start when --from is not given (default: ${DEFAULT-VALUE})")
    Duration warmUp;

    @Option(names = "--grace", defaultValue = "PT15M",
        description = "an alert still matches an event this long after its end (default: ${DEFAULT-VALUE})")
    Duration grace;

    @Option(names = "--json", description = "where to write the figures (default: <replay-out>/evaluation.json)")
    Path json;

    private final PrintStream out;

    public EvaluateCli() {
        this(System.out);
    }

    EvaluateCli(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new EvaluateCli()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        Path accuracyFile = replayOut.resolve(ReplayFiles.ACCURACY);
        Path alertsFile = replayOut.resolve(ReplayFiles.ALERTS);
        List<GroundTruthEvent> events = GroundTruthReader.read(truth);
        List<ReplayedAlert> alerts = ReplayedAlert.read(alertsFile);
        Instant[] span = periodSpan(accuracyFile);
        Instant start = from != null ? from : span[0].plus(warmUp);
        Instant end = to != null ? to : span[1];

        DetectionScore.Result detection = new DetectionScore(grace).score(events, alerts, start, end);
        List<ForecastScore.Horizon> sensors = ForecastScore.read(accuracyFile, start, end, false);
        List<ForecastScore.Horizon> districts = ForecastScore.read(accuracyFile, start, end, true);

        printDetection(detection, start, end);
        printForecasts("sensor series", sensors);
        printForecasts("district KPIs (15-minute means)", districts);

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("from", start.toString());
        figures.put("to", end.toString());
        figures.put("grace", grace.toString());
        Map<String, Object> det = new LinkedHashMap<>();
        detection.byAlertKind().forEach((k, f) -> det.put(k, figures(f, true)));
        figures.put("detection", det);
        Map<String, Object> byEvent = new LinkedHashMap<>();
        detection.byEventKind().forEach((k, f) -> byEvent.put(k.wireName(), figures(f, false)));
        figures.put("detectionByEventKind", byEvent);
        figures.put("missed", detection.missed());
        figures.put("falseAlerts", detection.falseAlerts());
        figures.put("forecastSensors", forecastFigures(sensors));
        figures.put("forecastDistrictKpis", forecastFigures(districts));
        Path target = json != null ? json : replayOut.resolve("evaluation.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(target.toFile(), figures);
        out.println("figures written to " + target);
        return 0;
    }

    private void printDetection(DetectionScore.Result d, Instant start, Instant end) {
        out.printf("Detection: events starting and alerts raised in [%s, %s), grace %s%n", start, end, grace);
        out.printf(Locale.ROOT, "%-18s %7s %8s %7s %7s %8s %9s %13s%n", "kind", "events", "detected", "recall", "alerts",
            "correct", "precision", "median delay");
        for (DetectionScore.Figures f : d.byAlertKind().values()) {
            out.printf(Locale.ROOT, "%-18s %7d %8d %7s %7d %8d %9s %13s%n", f.name(), f.events(), f.detected(), pct(f.recall()),
                f.alerts(), f.correctAlerts(), pct(f.precision()), delay(f.medianDelay()));
        }
        for (DetectionScore.Figures f : d.byEventKind().values()) {
            out.printf(Locale.ROOT, "  %-16s %7d %8d %7s %7s %8s %9s %13s%n", f.name(), f.events(), f.detected(),
                pct(f.recall()), "", "", "", delay(f.medianDelay()));
        }
    }

    private void printForecasts(String title, List<ForecastScore.Horizon> horizons) {
        out.printf("Forecast MAE, %s (pooled over metrics; ratio = geometric mean over metrics of model ÷ baseline)%n", title);
        out.printf(Locale.ROOT, "%-8s %10s %11s %11s %11s %11s %9s %9s%n", "horizon", "targets", "model", "persistence",
            "model(s.n.)", "seasonal", "÷persist.", "÷seasonal");
        for (ForecastScore.Horizon h : horizons) {
            ForecastScore.Sums p = h.pooled();
            out.printf(Locale.ROOT, "%-8s %10d %11.4g %11.4g %11.4g %11.4g %9.3f %9.3f%n", h.minutes() + " min", p.count(),
                p.maeModel(), p.maePersistence(), p.maeModelOnSeasonal(), p.maeSeasonal(), h.ratioToPersistence(),
                h.ratioToSeasonal());
        }
        for (ForecastScore.Horizon h : horizons) {
            h.byMetric().forEach((metric, s) -> out.printf(Locale.ROOT, "  %-6s %-20s model %10.4g  persistence %10.4g  "
                    + "seasonal %10.4g (model %10.4g)%n", h.minutes() + "m", metric, s.maeModel(), s.maePersistence(),
                s.maeSeasonal(), s.maeModelOnSeasonal()));
        }
    }

    private static Map<String, Object> figures(DetectionScore.Figures f, boolean withPrecision) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events", f.events());
        m.put("detected", f.detected());
        m.put("recall", finite(f.recall()));
        if (withPrecision) {
            m.put("alerts", f.alerts());
            m.put("correctAlerts", f.correctAlerts());
            m.put("precision", finite(f.precision()));
        }
        m.put("medianDelaySeconds", f.medianDelay() == null ? null : f.medianDelay().toSeconds());
        return m;
    }

    private static List<Map<String, Object>> forecastFigures(List<ForecastScore.Horizon> horizons) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ForecastScore.Horizon h : horizons) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("horizonMinutes", h.minutes());
            m.put("pooled", sums(h.pooled()));
            m.put("ratioToPersistence", finite(h.ratioToPersistence()));
            m.put("ratioToSeasonalNaive", finite(h.ratioToSeasonal()));
            Map<String, Object> metrics = new LinkedHashMap<>();
            h.byMetric().forEach((k, s) -> metrics.put(k, sums(s)));
            m.put("byMetric", metrics);
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> sums(ForecastScore.Sums s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("targets", s.count());
        m.put("maeModel", finite(s.maeModel()));
        m.put("maePersistence", finite(s.maePersistence()));
        m.put("seasonalTargets", s.seasonalCount());
        m.put("maeModelOnSeasonalTargets", finite(s.maeModelOnSeasonal()));
        m.put("maeSeasonalNaive", finite(s.maeSeasonal()));
        return m;
    }

    /** The first and the end of the last hour of accuracy in the file. */
    private static Instant[] periodSpan(Path accuracyCsv) throws IOException {
        Instant first = null;
        Instant last = null;
        try (BufferedReader r = Files.newBufferedReader(accuracyCsv, StandardCharsets.UTF_8)) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                String[] c = line.split(",", 7);
                Instant p = Instant.parse(c[5]);
                first = first == null || p.isBefore(first) ? p : first;
                last = last == null || p.isAfter(last) ? p : last;
            }
        }
        if (first == null) {
            throw new IllegalArgumentException(accuracyCsv + " holds no accuracy rows: was the replay long enough?");
        }
        return new Instant[] {first, last.plus(Duration.ofHours(1))};
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String delay(Duration d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.1f min", d.toSeconds() / 60.0);
    }
}
