package org.aicity.sim;

import org.aicity.model.CityDefinition;
import org.aicity.model.CityDefinitions;
import org.aicity.sim.city.SyntheticCity;
import org.aicity.sim.export.ExportFormat;
import org.aicity.sim.export.ExportTarget;
import org.aicity.sim.incident.IncidentSchedule;
import org.aicity.sim.incident.PlannedIncident;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The simulator's command line. Exit code 0 when every reading was acknowledged, 1 when not, 2 for bad options. */
@Command(name = "sensors-sim", mixinStandardHelpOptions = true, version = "sensors-sim 0.1.0",
    sortOptions = false, usageHelpAutoWidth = true,
    description = {"Publishes a city's sensor readings to an MQTT v5 broker in the AI City wire format, or writes them "
        + "to a file; injects incidents, sensor faults and transport faults and records them as ground truth.",
        "Options also read environment variables (SIM_BROKER_URL, SIM_CITY, ...), for containers."},
    footer = {"", "Durations: 500ms, 30s, 10m, 2h, 1d or ISO-8601 (PT10M). "
        + "Stop an unbounded run with Ctrl-C; the summary is printed either way."})
public final class SimulatorCli implements Callable<Integer> {

    @Option(names = {"-b", "--broker"}, paramLabel = "URL", defaultValue = "${SIM_BROKER_URL:-" + SimulatorConfig.DEFAULT_BROKER_URL + "}",
        description = "MQTT broker (default: ${DEFAULT-VALUE})")
    String broker;

    @Option(names = "--username", paramLabel = "USER", defaultValue = "${SIM_USERNAME:-}",
        description = "MQTT user name, for a broker that requires a login (env SIM_USERNAME)")
    String username;

    @Option(names = "--password", paramLabel = "PASSWORD", defaultValue = "${SIM_PASSWORD:-}",
        description = "MQTT password (env SIM_PASSWORD; prefer the environment over the command line)")
    String password;

    @Option(names = {"-c", "--city"}, paramLabel = "ID|FILE", defaultValue = "${SIM_CITY:-" + SimulatorConfig.DEFAULT_CITY + "}",
        description = "built-in city id or city definition file (default: ${DEFAULT-VALUE})")
    String city;

    @Option(names = {"-r", "--rate"}, paramLabel = "N", defaultValue = "${SIM_RATE:-0}",
        description = "readings per second across all sensors; 0 = one reading per sensor per --interval (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = {"-i", "--interval"}, paramLabel = "DURATION", defaultValue = "${SIM_INTERVAL:-1m}", converter = DurationConverter.class,
        description = "event time between two readings of a sensor, when --rate is 0 (default: ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = {"-n", "--max-readings"}, paramLabel = "N", defaultValue = "${SIM_MAX_READINGS:-0}",
        description = "stop after N readings; 0 = no limit (default: ${DEFAULT-VALUE})")
    long maxReadings;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", defaultValue = "${SIM_DURATION:-0}", converter = DurationConverter.class,
        description = "stop after this wall-clock time; 0 = no limit (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = {"-q", "--qos"}, paramLabel = "0|1", defaultValue = "${SIM_QOS:-1}", description = "MQTT QoS (default: ${DEFAULT-VALUE})")
    int qos;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "${SIM_BATCH_SIZE:-1}",
        description = "readings per message; above 1 a JSON array of one sensor's readings (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "${SIM_CONNECTIONS:-1}",
        description = "MQTT connections to publish over (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--client-id-prefix", paramLabel = "PREFIX", defaultValue = "${SIM_CLIENT_ID_PREFIX}",
        description = "MQTT client ids are PREFIX-0, PREFIX-1, ... (default: sensors-sim-<random>)")
    String clientIdPrefix;

    @Option(names = {"-s", "--seed"}, paramLabel = "N", defaultValue = "${SIM_SEED:-" + SimulatorConfig.DEFAULT_SEED + "}",
        description = "random seed; same seed and start time, same readings (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--invalid-messages", paramLabel = "N", defaultValue = "${SIM_INVALID_MESSAGES:-0}",
        description = "invalid messages to interleave (malformed JSON, out of range, unknown metric, wrong sensor, "
            + "missing fields, NaN, empty), for end-to-end tests (default: ${DEFAULT-VALUE})")
    int invalidMessages;

    @Option(names = "--start-time", paramLabel = "INSTANT", defaultValue = "${SIM_START_TIME}",
        description = "event time of the first reading, e.g. 2026-11-20T00:00:00Z (default: now)")
    String startTime;

    @Option(names = "--time-scale", paramLabel = "X", defaultValue = "${SIM_TIME_SCALE:-1}",
        description = "event time runs X times faster than the wall clock; needs --start-time unless 1 (default: ${DEFAULT-VALUE})")
    double timeScale;

    @Option(names = "--meta", negatable = true, defaultValue = "${SIM_META:-true}", fallbackValue = "true",
        description = "publish each sensor's retained <topic>/meta description first (default: ${DEFAULT-VALUE})")
    boolean meta;

    @Option(names = "--sensors", paramLabel = "N", defaultValue = "${SIM_SENSORS:-0}",
        description = "scale the city to N sensors (copies of its sensors, sites and corridors, or an even sample); "
            + "0 = the city as defined (default: ${DEFAULT-VALUE})")
    int sensors;

    @Option(names = "--end-time", paramLabel = "INSTANT", defaultValue = "${SIM_END_TIME}",
        description = "stop at this event time, e.g. 2026-11-21T00:00:00Z (default: no limit)")
    String endTime;

    @Option(names = "--backfill", defaultValue = "${SIM_BACKFILL:-false}",
        description = "publish as fast as the broker acknowledges instead of pacing by event time; needs --start-time "
            + "(default: ${DEFAULT-VALUE})")
    boolean backfill;

    @Option(names = "--incidents", paramLabel = "FILE", defaultValue = "${SIM_INCIDENTS}",
        description = "incident schedule, JSON lines (see the README); relative starts (+PT2H) count from --start-time or now")
    Path incidents;

    @Option(names = "--incident-rate", paramLabel = "N", defaultValue = "${SIM_INCIDENT_RATE:-0}",
        description = "random incidents and sensor faults per hour of event time (default: ${DEFAULT-VALUE})")
    double incidentRate;

    @Option(names = "--ground-truth", paramLabel = "FILE", defaultValue = "${SIM_GROUND_TRUTH}",
        description = "write every injected incident and fault to FILE, JSON lines (default: none)")
    Path groundTruth;

    @Option(names = "--fault-rate", paramLabel = "F", defaultValue = "${SIM_FAULT_RATE:-0}",
        description = "fraction of messages hit by each transport fault, unless set one by one below (default: ${DEFAULT-VALUE})")
    double faultRate;

    @Option(names = "--duplicate-rate", paramLabel = "F", defaultValue = "${SIM_DUPLICATE_RATE:--1}",
        description = "fraction of messages sent twice")
    double duplicateRate;

    @Option(names = "--out-of-order-rate", paramLabel = "F", defaultValue = "${SIM_OUT_OF_ORDER_RATE:--1}",
        description = "fraction of messages sent after the sensor's next one")
    double outOfOrderRate;

    @Option(names = "--late-rate", paramLabel = "F", defaultValue = "${SIM_LATE_RATE:--1}",
        description = "fraction of messages held back by --late-by")
    double lateRate;

    @Option(names = "--clock-skew-rate", paramLabel = "F", defaultValue = "${SIM_CLOCK_SKEW_RATE:--1}",
        description = "fraction of messages stamped by a clock off by up to --max-clock-skew")
    double clockSkewRate;

    @Option(names = "--malformed-rate", paramLabel = "F", defaultValue = "${SIM_MALFORMED_RATE:--1}",
        description = "fraction of messages followed by a malformed one on the same topic")
    double malformedRate;

    @Option(names = "--late-by", paramLabel = "DURATION", defaultValue = "${SIM_LATE_BY:-10m}", converter = DurationConverter.class,
        description = "event time a late message is held back (default: ${DEFAULT-VALUE})")
    Duration lateBy;

    @Option(names = "--max-clock-skew", paramLabel = "DURATION", defaultValue = "${SIM_MAX_CLOCK_SKEW:-2m}",
        converter = DurationConverter.class, description = "largest clock error of a skewed message (default: ${DEFAULT-VALUE})")
    Duration maxClockSkew;

    @Option(names = "--export", paramLabel = "FILE", defaultValue = "${SIM_EXPORT}",
        description = "write the readings to FILE instead of publishing them, as fast as possible: *.csv "
            + "(timestamp,sensorId,metric,value) or *.jsonl (one wire-format reading per line)")
    Path export;

    @Option(names = "--export-format", paramLabel = "csv|jsonl", defaultValue = "${SIM_EXPORT_FORMAT}",
        description = "the export format when the file name does not tell")
    ExportFormat exportFormat;

    public static void main(String[] args) {
        // terse console logging for the shaded jar's slf4j-simple; set here, not in a resource, so that
        // the library jar does not reconfigure the logging of applications that embed it
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        System.exit(execute(args));
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    static int execute(String... args) {
        return new CommandLine(new SimulatorCli())
            .setCaseInsensitiveEnumValuesAllowed(true)
            .execute(args);
    }

    @Override
    public Integer call() {
        SimulatorConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            PrintWriter err = new PrintWriter(System.err, true);
            err.println(e.getMessage());
            err.println("See sensors-sim --help.");
            return 2;
        }
        Simulator simulator = new Simulator(config);
        CountDownLatch summaryPrinted = new CountDownLatch(1);
        // Ctrl-C: stop publishing, let in-flight messages be acknowledged, and keep the JVM alive for the summary
        Thread onShutdown = new Thread(() -> {
            simulator.close();
            try {
                summaryPrinted.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sensors-sim-shutdown");
        Runtime.getRuntime().addShutdownHook(onShutdown);
        try {
            simulator.run();
        } catch (IllegalStateException e) {
            System.err.println("sensors-sim: " + e.getMessage());
        }
        SimulatorStats stats = simulator.stats();
        System.out.println(stats.summary());
        System.out.flush();
        summaryPrinted.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(onShutdown);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        boolean complete = simulator.failure().isEmpty() && stats.readingsFailed() == 0 && stats.readingsInFlight() == 0
            && stats.invalidMessagesFailed() == 0;
        return complete ? 0 : 1;
    }

    SimulatorConfig config() {
        Instant start = parseInstant(startTime, "--start-time");
        if (start == null && incidents != null) {
            // a schedule's relative times need a start that the configuration and the schedule share
            start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        }
        CityDefinition cityDefinition = CityDefinitions.resolve(city);
        if (sensors < 0) {
            throw new IllegalArgumentException("--sensors must be 0 (the city as defined) or positive, got " + sensors);
        }
        if (sensors > 0) {
            cityDefinition = SyntheticCity.scale(cityDefinition, sensors);
        }
        List<PlannedIncident> planned = List.of();
        if (incidents != null) {
            try {
                planned = IncidentSchedule.read(incidents, start);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the incident schedule " + incidents + ": " + e.getMessage());
            }
        }
        TransportFaults faults;
        try {
            faults = new TransportFaults(rate(duplicateRate), rate(outOfOrderRate), rate(lateRate), rate(clockSkewRate),
                rate(malformedRate), lateBy, maxClockSkew);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("transport faults: " + e.getMessage());
        }
        return SimulatorConfig.builder()
            .brokerUrl(broker)
            .credentials(username == null || username.isBlank() ? null : username, password == null || password.isBlank() ? null : password)
            .city(cityDefinition)
            .ratePerSecond(rate)
            .interval(interval)
            .maxReadings(maxReadings)
            .duration(duration)
            .qos(qos)
            .batchSize(batchSize)
            .connections(connections)
            .clientIdPrefix(clientIdPrefix == null || clientIdPrefix.isBlank() ? null : clientIdPrefix)
            .seed(seed)
            .invalidMessages(invalidMessages)
            .startTime(start)
            .timeScale(timeScale)
            .publishMeta(meta && export == null)
            .endTime(parseInstant(endTime, "--end-time"))
            .paced(!backfill)
            .incidents(planned)
            .incidentsPerHour(incidentRate)
            .transportFaults(faults)
            .groundTruthFile(groundTruth)
            .export(export == null ? null : exportFormat != null ? new ExportTarget(export, exportFormat) : ExportTarget.of(export))
            .build();
    }

    /** A fault's own rate, or --fault-rate when it has none. */
    private double rate(double own) {
        return own >= 0 ? own : faultRate;
    }

    private static Instant parseInstant(String s, String option) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(s.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + s + "' is not an ISO-8601 instant such as 2026-11-20T00:00:00Z");
        }
    }

    /** "500ms", "30s", "10m", "2h", "1d", a plain number of seconds, or ISO-8601 ("PT10M"). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?");

        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            Matcher m = SHORT.matcher(v);
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; use e.g. 500ms, 30s, 10m, 2h, 1d or PT10M");
            }
            double amount = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double nanosPerUnit = switch (unit) {
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                case "h" -> 3600e9;
                default -> 86400e9;
            };
            return Duration.ofNanos(Math.round(amount * nanosPerUnit));
        }
    }
}
