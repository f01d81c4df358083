package org.aicity.job.replay;

import org.aicity.job.InsightSettings;
import org.aicity.job.InsightSinks;
import org.aicity.job.decide.Recommendation;
import org.aicity.job.judge.Alert;
import org.aicity.job.judge.AnomalyScore;
import org.aicity.job.judge.JudgeSettings;
import org.aicity.job.predict.Forecast;
import org.aicity.job.predict.ForecastAccuracy;
import org.aicity.job.sink.JdbcSettings;
import org.aicity.model.CityDefinition;
import org.aicity.model.CityDefinitions;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Replays a file of historical readings through the job's operators, in event time, as fast as
 * possible, on a local Flink environment in this JVM; see {@code --help}.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs historical readings through the stream job's 1-minute statistics, forecasts and judgement in "
        + "event time, as fast as possible, and writes forecasts, accuracy, one anomaly score per input row, alerts and recommendations.",
        "Input: the simulator's export (CSV timestamp,sensorId,metric,value or JSON lines), or one series as "
            + "timestamp,value. The format is read from the first line."})
public final class ReplayCli implements Callable<Integer> {

    @Option(names = {"-i", "--input"}, required = true, description = "the file of readings")
    Path input;

    @Option(names = {"-o", "--out"}, defaultValue = "replay-out",
        description = "directory for " + ReplayFiles.FORECASTS + ", " + ReplayFiles.ACCURACY + ", " + ReplayFiles.SCORES
            + ", " + ReplayFiles.ALERTS + ", " + ReplayFiles.RECOMMENDATIONS + " (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = {"-c", "--city"}, defaultValue = "songdo",
        description = "built-in city id or definition file: sensors' districts, domains and time zone (default: ${DEFAULT-VALUE})")
    String city;

    @Option(names = "--series-id", defaultValue = "series", description = "sensor id of a timestamp,value series (default: ${DEFAULT-VALUE})")
    String seriesId;

    @Option(names = "--metric", defaultValue = "value",
        description = "metric of a timestamp,value series; a catalogue metric (e.g. occupancy) gets its range check (default: ${DEFAULT-VALUE})")
    String metric;

    @Option(names = "--forecast-every", defaultValue = "5",
        description = "write forecasts every this many minutes of event time (accuracy counts every minute) (default: ${DEFAULT-VALUE})")
    int forecastEvery;

    @Option(names = "--no-row-scores", description = "skip " + ReplayFiles.SCORES + " (one line per input row)")
    boolean noRowScores;

    @Option(names = "--out-of-orderness", defaultValue = "PT5S", description = "watermark lag, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration outOfOrderness;

    @Option(names = "--allowed-lateness", defaultValue = "PT5M",
        description = "late rows within this still update their minute, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration allowedLateness;

    @Option(names = "--jdbc-url", description = "also write to this PostgreSQL (tables of the platform's migrations)")
    String jdbcUrl;

    @Option(names = "--jdbc-user", defaultValue = "aicity", description = "database user (default: ${DEFAULT-VALUE})")
    String jdbcUser;

    @Option(names = "--jdbc-password", defaultValue = "${env:JDBC_PASSWORD}", description = "database password (default: $JDBC_PASSWORD)")
    String jdbcPassword;

    @Option(names = "--stored-score-from", defaultValue = "0.5",
        description = "anomaly scores at or above this go to the database's anomaly_score table (default: ${DEFAULT-VALUE})")
    double storedScoreFrom;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReplayCli()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--input: no such file " + input);
        }
        CityDefinition cityDefinition = CityDefinitions.resolve(city);
        ReplayFormat format;
        try (BufferedReader r = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            format = ReplayFormat.detect(r.readLine());
        }
        long lines;
        try (Stream<String> s = Files.lines(input, StandardCharsets.UTF_8)) {
            lines = s.count();
        }
        Files.createDirectories(out);
        for (String f : ReplayFiles.ALL) {
            Files.deleteIfExists(out.resolve(f)); // a file left from an earlier run would pass for this one's
        }
        System.out.printf("replay: %s (%s, %,d lines), city %s → %s%n", input, format, lines, cityDefinition.id(), out);

        InsightSettings insightSettings = new InsightSettings(List.of(cityDefinition), JudgeSettings.defaults(),
            forecastEvery, jdbcUrl == null ? 1 : storedScoreFrom, InsightSettings.rulesOf(List.of(cityDefinition)));
        ReplayJob.Settings settings = new ReplayJob.Settings(insightSettings, outOfOrderness, allowedLateness);
        InsightSinks sinks = sinks();

        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // Run from the platform's fat jar, the job's classes are in BOOT-INF/lib, which the system
        // class loader cannot see; a user classpath (an empty folder) makes Flink create a user-code
        // class loader whose parent is this class's loader, which can (as the embedded mode does).
        Path userClasspath = Files.createTempDirectory("replay-classpath");
        userClasspath.toFile().deleteOnExit();
        conf.set(PipelineOptions.CLASSPATHS, List.of(userClasspath.toUri().toURL().toString()));
        conf.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        ReadLines.RefusedLines refused = new ReadLines.RefusedLines(UUID.randomUUID().toString());
        ReplayLineParser parser = new ReplayLineParser(format, cityDefinition.id(), seriesId, metric);
        DataStream<ReplayRow> rows = env.fromSequence(0, Math.max(0, lines - 1)).name("Line numbers").uid("replay-lines")
            .flatMap(new ReadLines(input, parser, refused), org.apache.flink.api.common.typeinfo.TypeInformation.of(ReplayRow.class))
            .name("Read " + format).uid("replay-read");
        Sink<RowScore> rowScores = noRowScores ? null
            : LineFileSink.of(out.resolve(ReplayFiles.SCORES), ReplayFiles.SCORE_HEADER, ReplayFiles::score);
        ReplayJob.build(rows, sinks, rowScores, settings);

        long started = System.nanoTime();
        JobExecutionResult result = env.execute("replay " + input.getFileName());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("replay: done in %.1f s (%,.0f lines/s); %,d lines refused%n", took.toMillis() / 1000.0,
            lines / Math.max(0.001, took.toMillis() / 1000.0), refused.count());
        refused.examples().forEach(e -> System.out.println("  refused " + e));
        for (String f : ReplayFiles.ALL) {
            Path p = out.resolve(f);
            if (Files.exists(p)) {
                System.out.printf("  %s: %,d lines%n", p, countLines(p));
            }
        }
        return result == null ? 1 : 0;
    }

    private InsightSinks sinks() {
        Sink<Forecast> forecasts = LineFileSink.of(out.resolve(ReplayFiles.FORECASTS), ReplayFiles.FORECAST_HEADER,
            ReplayFiles::forecast);
        Sink<ForecastAccuracy> accuracy = LineFileSink.of(out.resolve(ReplayFiles.ACCURACY), ReplayFiles.ACCURACY_HEADER,
            ReplayFiles::accuracy);
        Sink<Alert> alerts = LineFileSink.of(out.resolve(ReplayFiles.ALERTS), null, ReplayFiles::alert);
        Sink<Recommendation> recommendations = LineFileSink.of(out.resolve(ReplayFiles.RECOMMENDATIONS), null,
            ReplayFiles::recommendation);
        Sink<AnomalyScore> anomalies = new DiscardingSink<>();
        if (jdbcUrl == null) {
            return new InsightSinks(forecasts, accuracy, anomalies, alerts, recommendations);
        }
        InsightSinks db = InsightSinks.jdbc(JdbcSettings.of(jdbcUrl, jdbcUser, jdbcPassword));
        return new InsightSinks(new TeeSink<>(forecasts, db.forecasts()), new TeeSink<>(accuracy, db.accuracy()), db.anomalies(),
            new TeeSink<>(alerts, db.alerts()), new TeeSink<>(recommendations, db.recommendations()));
    }

    private static long countLines(Path p) throws IOException {
        try (Stream<String> s = Files.lines(p, StandardCharsets.UTF_8)) {
            return s.count();
        }
    }
}
