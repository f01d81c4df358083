package org.aicity.job;

import org.aicity.job.mqtt.AckMode;
import org.aicity.job.mqtt.MqttSourceSettings;
import org.aicity.job.sink.JdbcSettings;
import org.aicity.model.CityDefinition;
import org.aicity.model.CityDefinitions;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The job's configuration, from environment variables and {@code --key value} arguments
 * (arguments win). Each option has an environment name ({@code MQTT_URL}) and an argument name
 * ({@code --mqtt-url}). Validated at once; every problem is reported with what to change.
 */
public record JobConfig(String mqttUrl, String mqttTopicFilter, String mqttClientId, String mqttUsername, String mqttPassword,
                        AckMode mqttAckMode, String mqttSharedGroup, Duration mqttSessionExpiry, int mqttReceiveMaximum,
                        String jdbcUrl, String jdbcUser, String jdbcPassword, int jdbcBatchSize, Duration jdbcFlushInterval,
                        JdbcSettings.ReadingsWrite jdbcReadingsWrite, int jdbcReadingsConnections, List<CityDefinition> cities, String pipelineName,
                        Duration checkpointInterval, Duration outOfOrderness, Duration idleTimeout, Duration allowedLateness,
                        Duration dedupTtl, int parallelism) {

    /** Every option: environment name → [default, description]. A null default means none. */
    static final Map<String, String[]> OPTIONS = options();

    private static Map<String, String[]> options() {
        Map<String, String[]> o = new LinkedHashMap<>();
        o.put("MQTT_URL", new String[] {"tcp://localhost:1883", "broker URI: tcp://, ssl://, ws:// or wss://"});
        o.put("MQTT_TOPIC_FILTER", new String[] {"city/+/+/+", "reading topics to subscribe to"});
        o.put("MQTT_CLIENT_ID", new String[] {"aicity-stream-job", "client id prefix; reader n connects as <id>-n"});
        o.put("MQTT_USERNAME", new String[] {null, "broker user name"});
        o.put("MQTT_PASSWORD", new String[] {null, "broker password"});
        o.put("MQTT_ACK_MODE", new String[] {"CHECKPOINT", "CHECKPOINT (no loss; ack after checkpoint) or RECEIPT (ack on arrival)"});
        o.put("MQTT_SHARED_GROUP", new String[] {MqttSourceSettings.DEFAULT_SHARED_GROUP, "shared subscription group; empty = plain subscription (parallelism 1 only)"});
        o.put("MQTT_SESSION_EXPIRY", new String[] {"1h", "how long the broker keeps the session while the job is down"});
        o.put("MQTT_RECEIVE_MAXIMUM", new String[] {"10000", "unacknowledged QoS 1 messages per connection (1..65535)"});
        o.put("JDBC_URL", new String[] {"jdbc:postgresql://localhost:5432/aicity", "PostgreSQL JDBC URL"});
        o.put("JDBC_USER", new String[] {"aicity", "database user"});
        o.put("JDBC_PASSWORD", new String[] {null, "database password"});
        o.put("JDBC_BATCH_SIZE", new String[] {Integer.toString(JdbcSettings.DEFAULT_BATCH_SIZE), "rows per transaction (readings stream to the database as a batch fills)"});
        o.put("JDBC_FLUSH_INTERVAL", new String[] {"200ms", "longest a row waits before it is written"});
        o.put("JDBC_READINGS_WRITE", new String[] {"copy", "how readings are written: copy (COPY, fast) or insert (batched INSERTs)"});
        o.put("JDBC_READINGS_CONNECTIONS", new String[] {Integer.toString(JdbcSettings.DEFAULT_READINGS_CONNECTIONS),
            "connections the readings sink takes turns on, one batch committing while the next streams (1-"
                + JdbcSettings.MAX_READINGS_CONNECTIONS + ")"});
        o.put("CITY", new String[] {"songdo", "comma-separated built-in city ids or city definition files; only their sensors are accepted"});
        o.put("PIPELINE_NAME", new String[] {"stream-job", "name of this pipeline in ingest_status"});
        o.put("CHECKPOINT_INTERVAL", new String[] {"10s", "checkpoint interval; in CHECKPOINT ack mode also the ack delay"});
        o.put("OUT_OF_ORDERNESS", new String[] {"5s", "watermark lag behind the newest event time"});
        o.put("IDLE_TIMEOUT", new String[] {"30s", "a reader without readings this long stops holding back the watermark"});
        o.put("ALLOWED_LATENESS", new String[] {"5m", "late readings within this still update their window"});
        o.put("DEDUP_TTL", new String[] {"10m", "how far behind a sensor's newest reading (event time) its readings are remembered for deduplication (at most 1024 per sensor)"});
        o.put("PARALLELISM", new String[] {"0", "job parallelism; 0 = the cluster's default"});
        return Map.copyOf(o);
    }

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    /** Environment first, then {@code --key value} arguments on top. */
    public static JobConfig parse(String[] args, Map<String, String> environment) {
        Map<String, String> values = new HashMap<>();
        List<String> problems = new ArrayList<>();
        environment.forEach((k, v) -> {
            if (OPTIONS.containsKey(k)) {
                values.put(k, v);
            }
        });
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                problems.add("'" + a + "' is not an option; options look like --mqtt-url tcp://host:1883");
                continue;
            }
            String key = a.substring(2).replace('-', '_').toUpperCase(Locale.ROOT);
            if (!OPTIONS.containsKey(key)) {
                problems.add(a + " is not an option; run with --help to list them");
            } else if (i + 1 >= args.length) {
                problems.add(a + " needs a value");
            } else {
                values.put(key, args[++i]);
            }
        }
        return fromMap(values, problems);
    }

    /**
     * From option values keyed by environment name ({@code MQTT_URL}, ...); missing ones take
     * their defaults. For embedding, e.g. the platform's one-JVM mode.
     */
    public static JobConfig fromMap(Map<String, String> values) {
        return fromMap(values, new ArrayList<>());
    }

    private static JobConfig fromMap(Map<String, String> given, List<String> problems) {
        for (String k : given.keySet()) {
            if (!OPTIONS.containsKey(k)) {
                problems.add(k + " is not an option (" + String.join(", ", OPTIONS.keySet()) + ")");
            }
        }
        Reader r = new Reader(given, problems);
        String mqttUrl = r.string("MQTT_URL");
        if (mqttUrl != null && !mqttUrl.matches("(tcp|ssl|ws|wss)://.+")) {
            problems.add(r.name("MQTT_URL") + ": '" + mqttUrl + "' must start with tcp://, ssl://, ws:// or wss://, e.g. tcp://localhost:1883");
        }
        String filter = r.string("MQTT_TOPIC_FILTER");
        if (filter != null && (filter.isBlank() || filter.startsWith("$share/"))) {
            problems.add(r.name("MQTT_TOPIC_FILTER") + ": give the plain filter, e.g. city/+/+/+; the shared group is MQTT_SHARED_GROUP");
        }
        AckMode ack = r.enumValue("MQTT_ACK_MODE", AckMode.class);
        String jdbcUrl = r.string("JDBC_URL");
        if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            problems.add(r.name("JDBC_URL") + ": '" + jdbcUrl + "' must start with jdbc:postgresql:, e.g. jdbc:postgresql://localhost:5432/aicity");
        }
        List<CityDefinition> cities = new ArrayList<>();
        for (String c : r.string("CITY").split(",")) {
            if (c.isBlank()) {
                continue;
            }
            try {
                cities.add(CityDefinitions.resolve(c.trim()));
            } catch (RuntimeException e) {
                problems.add(r.name("CITY") + ": " + e.getMessage());
            }
        }
        int parallelism = r.integer("PARALLELISM", 0, 10_000);
        String group = r.string("MQTT_SHARED_GROUP");
        if ((group == null || group.isBlank()) && parallelism != 1) {
            problems.add(r.name("MQTT_SHARED_GROUP") + " is empty, which is only correct with PARALLELISM 1; set a group or PARALLELISM=1");
        }
        Duration checkpoint = r.duration("CHECKPOINT_INTERVAL");
        if (checkpoint != null && checkpoint.toMillis() < 100) {
            problems.add(r.name("CHECKPOINT_INTERVAL") + " must be at least 100ms, got " + checkpoint);
        }
        JobConfig config = new JobConfig(mqttUrl, filter, r.string("MQTT_CLIENT_ID"), r.string("MQTT_USERNAME"),
            r.string("MQTT_PASSWORD"), ack, group, r.duration("MQTT_SESSION_EXPIRY"), r.integer("MQTT_RECEIVE_MAXIMUM", 1, 65_535),
            jdbcUrl, r.string("JDBC_USER"), r.string("JDBC_PASSWORD"), r.integer("JDBC_BATCH_SIZE", 1, 100_000),
            r.duration("JDBC_FLUSH_INTERVAL"), r.enumValue("JDBC_READINGS_WRITE", JdbcSettings.ReadingsWrite.class),
            r.integer("JDBC_READINGS_CONNECTIONS", 1, JdbcSettings.MAX_READINGS_CONNECTIONS),
            List.copyOf(cities), r.string("PIPELINE_NAME"), checkpoint,
            r.duration("OUT_OF_ORDERNESS"), r.duration("IDLE_TIMEOUT"), r.duration("ALLOWED_LATENESS"), r.duration("DEDUP_TTL"),
            parallelism);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid stream-job configuration:\n  - " + String.join("\n  - ", problems));
        }
        return config;
    }

    /** Reads typed values, collecting problems instead of failing on the first. */
    private record Reader(Map<String, String> values, List<String> problems) {
        String name(String key) {
            return key + " (--" + key.toLowerCase(Locale.ROOT).replace('_', '-') + ")";
        }

        String string(String key) {
            String v = values.get(key);
            return v != null ? v.trim() : OPTIONS.get(key)[0];
        }

        int integer(String key, int min, int max) {
            String v = string(key);
            try {
                int i = Integer.parseInt(v);
                if (i < min || i > max) {
                    problems.add(name(key) + " must be between " + min + " and " + max + ", got " + i);
                }
                return i;
            } catch (NumberFormatException e) {
                problems.add(name(key) + " must be a whole number, got '" + v + "'");
                return min;
            }
        }

        Duration duration(String key) {
            String v = string(key);
            try {
                Duration d = parseDuration(v);
                if (d.isNegative()) {
                    problems.add(name(key) + " must not be negative, got '" + v + "'");
                }
                return d;
            } catch (IllegalArgumentException e) {
                problems.add(name(key) + ": '" + v + "' is not a duration; write e.g. 200ms, 5s, 10m, 1h or PT5S");
                return Duration.ZERO;
            }
        }

        <E extends Enum<E>> E enumValue(String key, Class<E> type) {
            String v = string(key);
            try {
                return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(name(key) + " must be one of " + Arrays.toString(type.getEnumConstants()) + ", got '" + v + "'");
                return type.getEnumConstants()[0];
            }
        }
    }

    /** {@code 200ms}, {@code 5s}, {@code 10m}, {@code 1h}, {@code 2d} or ISO-8601 ({@code PT5S}). */
    static Duration parseDuration(String s) {
        Matcher m = SIMPLE_DURATION.matcher(s.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(s.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** One line per option with its default, for {@code --help}. */
    public static String usage() {
        StringBuilder b = new StringBuilder("Options (environment variable or --argument; arguments win):\n");
        new java.util.TreeMap<>(OPTIONS).forEach((k, v) -> b.append(String.format("  %-22s --%-22s %s%s%n", k,
            k.toLowerCase(Locale.ROOT).replace('_', '-'), v[1], v[0] == null ? "" : " [" + v[0] + "]")));
        return b.toString();
    }

    public MqttSourceSettings mqttSourceSettings() {
        return MqttSourceSettings.of(mqttUrl, mqttTopicFilter, mqttClientId, mqttAckMode)
            .withCredentials(mqttUsername, mqttPassword)
            .withSession(mqttSharedGroup, mqttSessionExpiry, mqttReceiveMaximum);
    }

    public JdbcSettings jdbcSettings() {
        return new JdbcSettings(jdbcUrl, jdbcUser, jdbcPassword, jdbcBatchSize, jdbcFlushInterval, JdbcSettings.DEFAULT_RETRY_TIMEOUT,
            jdbcReadingsWrite, jdbcReadingsConnections);
    }

    public PipelineSettings pipelineSettings() {
        return PipelineSettings.defaults(pipelineName)
            .withTimes(outOfOrderness, idleTimeout, allowedLateness, dedupTtl)
            .withKnownSensorsOf(cities);
    }

    @Override
    public String toString() {
        return "JobConfig[mqtt=" + mqttUrl + " " + mqttTopicFilter + " as " + mqttClientId + " (user " + mqttUsername
            + ", password " + (mqttPassword == null ? "none" : "***") + "), ackMode=" + mqttAckMode + ", sharedGroup="
            + mqttSharedGroup + ", sessionExpiry=" + mqttSessionExpiry + ", receiveMaximum=" + mqttReceiveMaximum
            + ", jdbc=" + jdbcUrl + " as " + jdbcUser + ", readingsWrite=" + jdbcReadingsWrite
            + ", readingsConnections=" + jdbcReadingsConnections
            + ", cities=" + cities.stream().map(CityDefinition::id).toList()
            + ", pipeline=" + pipelineName + ", checkpointInterval=" + checkpointInterval + ", outOfOrderness=" + outOfOrderness
            + ", idleTimeout=" + idleTimeout + ", allowedLateness=" + allowedLateness + ", dedupTtl=" + dedupTtl
            + ", parallelism=" + (parallelism == 0 ? "default" : parallelism) + "]";
    }
}
