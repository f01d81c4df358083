package org.aicity.sim;

import org.aicity.model.CityDefinition;
import org.aicity.model.CityDefinitions;
import org.aicity.model.ValidationPolicy;
import org.aicity.sim.export.ExportTarget;
import org.aicity.sim.incident.PlannedIncident;

import java.time.Duration;
import java.time.Instant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Everything a simulator run needs, checked when it is built: a bad value fails with a message that
 * says what to change.
 *
 * @param brokerUrl        the MQTT broker, {@code tcp://host:port} or {@code ssl://host:port}
 * @param city             the city whose sensors report
 * @param interval         event time between two readings of one sensor, used when {@code ratePerSecond} is 0
 * @param ratePerSecond    readings per wall-clock second across all sensors; 0 means one reading per
 *                         sensor per {@code interval} of event time
 * @param maxReadings      stop after this many readings; 0 for no limit
 * @param duration         stop after this much wall-clock time; {@link Duration#ZERO} for no limit
 * @param qos              MQTT QoS of readings, 0 or 1
 * @param batchSize        readings per message; above 1 a message is a JSON array of consecutive
 *                         readings of one sensor, as a gateway would send them
 * @param connections      MQTT connections to publish over; a sensor always uses the same one, so its
 *                         readings arrive in order
 * @param clientIdPrefix   client ids are {@code prefix-0}, {@code prefix-1}, ...
 * @param seed             same seed, same readings (given the same start time)
 * @param invalidMessages  invalid messages to interleave with the readings, cycling through
 *                         {@link InvalidKind}; on a bounded run exactly this many are sent
 * @param startTime        event time of the first reading; {@code null} means the wall clock at start
 * @param timeScale        event time runs this many times faster than the wall clock
 * @param publishMeta      publish each sensor's retained {@code <topic>/meta} description first
 * @param endTime          stop before the first reading at or after this event time; {@code null} for no limit
 * @param paced            publish each message when its event time comes (scaled by {@code timeScale});
 *                         false: as fast as the broker acknowledges (a backfill), event times unchanged
 * @param incidents        incidents and sensor faults to inject at given times
 * @param incidentsPerHour random incidents and sensor faults per hour of event time (0: none)
 * @param transportFaults  delivery faults to inject
 * @param groundTruthFile  where to write what was injected (JSON lines); {@code null} for nowhere
 * @param export           write readings to this file instead of publishing them; {@code null} to publish
 * @param username         MQTT user name, for a broker that requires a login; {@code null} for none
 * @param password         MQTT password of {@code username}
 */
public record SimulatorConfig(String brokerUrl, CityDefinition city, Duration interval, double ratePerSecond,
                              long maxReadings, Duration duration, int qos, int batchSize, int connections,
                              String clientIdPrefix, long seed, int invalidMessages, Instant startTime,
                              double timeScale, boolean publishMeta, Instant endTime, boolean paced,
                              List<PlannedIncident> incidents, double incidentsPerHour, TransportFaults transportFaults,
                              Path groundTruthFile, ExportTarget export, String username, String password) {

    public static final String DEFAULT_BROKER_URL = "tcp://127.0.0.1:1883";
    public static final String DEFAULT_CITY = "songdo";
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    public static final long DEFAULT_SEED = 42;
    static final double MAX_RATE = 1_000_000;
    static final int MAX_CONNECTIONS = 1_000;

    static final double MAX_INCIDENTS_PER_HOUR = 1_000;

    public SimulatorConfig {
        duration = duration == null ? Duration.ZERO : duration;
        incidents = incidents == null ? List.of() : List.copyOf(incidents);
        transportFaults = transportFaults == null ? TransportFaults.NONE : transportFaults;
        List<String> problems = new ArrayList<>();
        if (export == null && (brokerUrl == null || !(brokerUrl.startsWith("tcp://") || brokerUrl.startsWith("ssl://")))) {
            problems.add("brokerUrl '" + brokerUrl + "' must look like tcp://host:port (or ssl://host:port)");
        }
        if (city == null) {
            problems.add("city is required: a built-in city such as " + DEFAULT_CITY + " or a city definition file");
        } else {
            if (city.sensors().isEmpty()) {
                problems.add("city " + city.id() + " has no sensors; add sensors to its definition");
            }
            city.sensors().forEach(s -> s.metrics().stream().filter(m -> !SignalModel.MODELLED.contains(m)).forEach(m ->
                problems.add("sensor " + s.id() + " reports " + m + ", which the simulator cannot produce; "
                    + "remove it from the city definition or add it to SignalModel")));
        }
        if (interval == null || interval.isZero() || interval.isNegative()) {
            problems.add("interval must be positive, e.g. PT1M, got " + interval);
        }
        if (!(ratePerSecond >= 0 && ratePerSecond <= MAX_RATE)) {
            problems.add("ratePerSecond must be between 0 (one reading per sensor per interval) and " + (long) MAX_RATE
                + ", got " + ratePerSecond);
        }
        if (maxReadings < 0) {
            problems.add("maxReadings must be 0 (no limit) or positive, got " + maxReadings);
        }
        if (duration.isNegative()) {
            problems.add("duration must be zero (no limit) or positive, got " + duration);
        }
        if (qos != 0 && qos != 1) {
            problems.add("qos must be 0 or 1 (the platform does not use QoS 2), got " + qos);
        }
        int maxBatch = ValidationPolicy.DEFAULT.maxBatchSize();
        if (batchSize < 1 || batchSize > maxBatch) {
            problems.add("batchSize must be between 1 and " + maxBatch + " (the ingest limit), got " + batchSize);
        }
        if (connections < 1 || connections > MAX_CONNECTIONS) {
            problems.add("connections must be between 1 and " + MAX_CONNECTIONS + ", got " + connections);
        }
        if (clientIdPrefix == null || clientIdPrefix.isBlank() || clientIdPrefix.length() > 40) {
            problems.add("clientIdPrefix must be 1 to 40 characters, got '" + clientIdPrefix + "'");
        }
        if (invalidMessages < 0) {
            problems.add("invalidMessages must be 0 or positive, got " + invalidMessages);
        }
        if (!(timeScale > 0 && timeScale <= MAX_RATE)) {
            problems.add("timeScale must be positive (1 = real time, 1440 = a day per minute), got " + timeScale);
        } else if (timeScale != 1 && startTime == null) {
            // event time would run ahead of the wall clock, and ingest rejects readings from the future
            problems.add("timeScale " + timeScale + " needs a startTime far enough in the past that event time stays "
                + "behind the wall clock, e.g. yesterday 00:00 for a day at timeScale 1440");
        }
        if (export != null && (invalidMessages > 0 || transportFaults.malformed() > 0)) {
            problems.add("an export file holds readings only: drop invalidMessages and the malformed fault rate, "
                + "or publish to a broker");
        }
        if (city != null) {
            city.sites().stream().filter(s -> s.loadProfile() != null && !SignalModel.LOAD_PROFILES.contains(s.loadProfile()))
                .forEach(s -> problems.add("site " + s.id() + " has load profile '" + s.loadProfile()
                    + "', which the simulator does not know; use one of " + new java.util.TreeSet<>(SignalModel.LOAD_PROFILES)));
        }
        if (endTime != null && startTime != null && !endTime.isAfter(startTime)) {
            problems.add("endTime " + endTime + " must be after startTime " + startTime);
        }
        if (!paced && export == null && startTime == null) {
            problems.add("an unpaced run (a backfill) needs a startTime in the past: it publishes event time faster "
                + "than the wall clock, and ingest rejects readings from the future");
        }
        if (!(incidentsPerHour >= 0 && incidentsPerHour <= MAX_INCIDENTS_PER_HOUR)) {
            problems.add("incidentsPerHour must be between 0 and " + (long) MAX_INCIDENTS_PER_HOUR + ", got " + incidentsPerHour);
        }
        if (city != null && !incidents.isEmpty()) {
            java.util.Set<String> ids = new java.util.HashSet<>();
            city.sensors().forEach(s -> ids.add(s.id()));
            java.util.Set<String> districts = new java.util.HashSet<>();
            city.districts().forEach(d -> districts.add(d.id()));
            for (PlannedIncident i : incidents) {
                i.sensors().stream().filter(id -> !ids.contains(id)).forEach(id ->
                    problems.add(i.kind().wireName() + " at " + i.start() + " names sensor '" + id + "', which city "
                        + city.id() + " does not have"));
                if (i.district() != null && !districts.contains(i.district())) {
                    problems.add(i.kind().wireName() + " at " + i.start() + " covers district '" + i.district()
                        + "', which city " + city.id() + " does not have");
                }
            }
        }
        if (problems.isEmpty() && effectiveRate(city, interval, ratePerSecond, timeScale) > MAX_RATE) {
            problems.add("the resulting rate of " + (long) effectiveRate(city, interval, ratePerSecond, timeScale)
                + " readings/s is above " + (long) MAX_RATE + "; lengthen the interval or lower the time scale");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid simulator configuration:\n  - " + String.join("\n  - ", problems));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Readings per wall-clock second across all sensors. */
    public double effectiveRate() {
        return effectiveRate(city, interval, ratePerSecond, timeScale);
    }

    private static double effectiveRate(CityDefinition city, Duration interval, double ratePerSecond, double timeScale) {
        if (ratePerSecond > 0) {
            return ratePerSecond;
        }
        return city.sensors().size() * timeScale / (interval.toNanos() / 1e9);
    }

    /** Event time between two readings of one sensor; equals {@code interval} unless a rate is given. */
    public Duration sensorPeriod() {
        return Duration.ofNanos(Math.round(sensorPeriodNanos()));
    }

    double sensorPeriodNanos() {
        return city.sensors().size() * timeScale / effectiveRate() * 1e9;
    }

    /** Whether the run ends by itself (a reading limit, a duration or an end time). */
    public boolean bounded() {
        return maxReadings > 0 || !duration.isZero() || endTime != null;
    }

    /** Whether anything is injected that the ground truth would record. */
    public boolean injects() {
        return !incidents.isEmpty() || incidentsPerHour > 0 || transportFaults.any();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a configuration from defaults; {@link #build()} checks it. */
    public static final class Builder {
        private String brokerUrl = DEFAULT_BROKER_URL;
        private CityDefinition city;
        private Duration interval = DEFAULT_INTERVAL;
        private double ratePerSecond;
        private long maxReadings;
        private Duration duration = Duration.ZERO;
        private int qos = 1;
        private int batchSize = 1;
        private int connections = 1;
        private String clientIdPrefix;
        private long seed = DEFAULT_SEED;
        private int invalidMessages;
        private Instant startTime;
        private double timeScale = 1;
        private boolean publishMeta = true;
        private Instant endTime;
        private boolean paced = true;
        private List<PlannedIncident> incidents = List.of();
        private double incidentsPerHour;
        private TransportFaults transportFaults = TransportFaults.NONE;
        private Path groundTruthFile;
        private ExportTarget export;
        private String username;
        private String password;

        private Builder() {
        }

        private Builder(SimulatorConfig c) {
            brokerUrl = c.brokerUrl;
            city = c.city;
            interval = c.interval;
            ratePerSecond = c.ratePerSecond;
            maxReadings = c.maxReadings;
            duration = c.duration;
            qos = c.qos;
            batchSize = c.batchSize;
            connections = c.connections;
            clientIdPrefix = c.clientIdPrefix;
            seed = c.seed;
            invalidMessages = c.invalidMessages;
            startTime = c.startTime;
            timeScale = c.timeScale;
            publishMeta = c.publishMeta;
            endTime = c.endTime;
            paced = c.paced;
            incidents = c.incidents;
            incidentsPerHour = c.incidentsPerHour;
            transportFaults = c.transportFaults;
            groundTruthFile = c.groundTruthFile;
            export = c.export;
            username = c.username;
            password = c.password;
        }

        public Builder brokerUrl(String v) {
            brokerUrl = v;
            return this;
        }

        public Builder city(CityDefinition v) {
            city = v;
            return this;
        }

        public Builder interval(Duration v) {
            interval = v;
            return this;
        }

        public Builder ratePerSecond(double v) {
            ratePerSecond = v;
            return this;
        }

        public Builder maxReadings(long v) {
            maxReadings = v;
            return this;
        }

        public Builder duration(Duration v) {
            duration = v;
            return this;
        }

        public Builder qos(int v) {
            qos = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder connections(int v) {
            connections = v;
            return this;
        }

        public Builder clientIdPrefix(String v) {
            clientIdPrefix = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder invalidMessages(int v) {
            invalidMessages = v;
            return this;
        }

        public Builder startTime(Instant v) {
            startTime = v;
            return this;
        }

        public Builder timeScale(double v) {
            timeScale = v;
            return this;
        }

        public Builder publishMeta(boolean v) {
            publishMeta = v;
            return this;
        }

        public Builder endTime(Instant v) {
            endTime = v;
            return this;
        }

        /** False for a backfill: publish as fast as the broker acknowledges. */
        public Builder paced(boolean v) {
            paced = v;
            return this;
        }

        public Builder incidents(List<PlannedIncident> v) {
            incidents = v;
            return this;
        }

        public Builder incidentsPerHour(double v) {
            incidentsPerHour = v;
            return this;
        }

        public Builder transportFaults(TransportFaults v) {
            transportFaults = v;
            return this;
        }

        public Builder groundTruthFile(Path v) {
            groundTruthFile = v;
            return this;
        }

        public Builder export(ExportTarget v) {
            export = v;
            return this;
        }

        /** Logs in with this user and password (a broker with an ACL, as docker-compose ships). */
        public Builder credentials(String user, String pass) {
            username = user;
            password = pass;
            return this;
        }

        public SimulatorConfig build() {
            // two simulators with the same client id would keep disconnecting each other
            String prefix = clientIdPrefix != null ? clientIdPrefix
                : "sensors-sim-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            return new SimulatorConfig(brokerUrl, Objects.requireNonNullElseGet(city, () -> CityDefinitions.builtIn(DEFAULT_CITY)),
                interval, ratePerSecond, maxReadings, duration, qos, batchSize, connections, prefix, seed,
                invalidMessages, startTime, timeScale, publishMeta, endTime, paced, incidents, incidentsPerHour,
                transportFaults, groundTruthFile, export, username, password);
        }
    }
}
