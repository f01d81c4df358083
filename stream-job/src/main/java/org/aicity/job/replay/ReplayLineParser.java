package org.aicity.job.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.aicity.job.ingest.Measurement;

import java.io.Serializable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns one line of an input file into rows. A line that cannot be read is refused with the
 * reason, never guessed at: the caller counts and reports it.
 *
 * @param cityId   the city every reading belongs to
 * @param seriesId the sensor id given to a single series ({@link ReplayFormat#SERIES_CSV})
 * @param metric   the metric name given to a single series
 */
record ReplayLineParser(ReplayFormat format, String cityId, String seriesId, String metric) implements Serializable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The rows of a line; empty for a blank line or a header. */
    List<ReplayRow> parse(long lineNumber, String line) {
        String s = line.strip();
        if (s.isEmpty() || (lineNumber == 1 && format != ReplayFormat.READINGS_JSONL && ReplayFormat.isHeader(s))) {
            return List.of();
        }
        return switch (format) {
            case READINGS_CSV -> {
                String[] c = cells(s, 4);
                yield List.of(row(lineNumber, c[1], c[2], time(c[0]), 0, number(c[3])));
            }
            case SERIES_CSV -> {
                String[] c = cells(s, 2);
                yield List.of(row(lineNumber, seriesId, metric, time(c[0]), 0, number(c[1])));
            }
            case READINGS_JSONL -> json(lineNumber, s);
        };
    }

    private List<ReplayRow> json(long lineNumber, String s) {
        JsonNode node;
        try {
            node = JSON.readTree(s);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        List<ReplayRow> rows = new ArrayList<>();
        for (JsonNode reading : node.isArray() ? node : List.of(node)) {
            String sensor = reading.path("sensorId").asText("");
            JsonNode metrics = reading.path("metrics");
            if (sensor.isEmpty() || !metrics.isObject()) {
                throw new IllegalArgumentException("a reading needs sensorId and a metrics object");
            }
            Instant ts = time(reading.path("ts").asText(""));
            long seq = reading.path("seq").asLong(0);
            for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> m = it.next();
                if (!m.getValue().isNumber()) {
                    throw new IllegalArgumentException("metric " + m.getKey() + " is not a number");
                }
                rows.add(row(lineNumber, sensor, m.getKey(), ts, seq, m.getValue().asDouble()));
            }
        }
        return rows;
    }

    private ReplayRow row(long lineNumber, String sensor, String metricName, Instant ts, long seq, double value) {
        if (sensor.isBlank() || metricName.isBlank()) {
            throw new IllegalArgumentException("sensor id and metric must not be empty");
        }
        return new ReplayRow(lineNumber, new Measurement(cityId, sensor.strip(), metricName.strip(), ts, seq, value));
    }

    private static String[] cells(String line, int expected) {
        String[] c = line.split(",", -1);
        if (c.length != expected) {
            throw new IllegalArgumentException("expected " + expected + " comma-separated fields, found " + c.length);
        }
        return c;
    }

    private static Instant time(String s) {
        String t = s.strip();
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("timestamp '" + t + "' is not ISO-8601 with an offset");
            }
        }
    }

    private static double number(String s) {
        try {
            double v = Double.parseDouble(s.strip());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("value '" + s.strip() + "' is not a finite number");
    }
}
