package org.aicity.sim.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.aicity.sim.truth.GroundTruthEvent.Kind;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an incident schedule: JSON lines, one incident each, in the shape of a ground-truth line
 * (whose {@code id}, {@code effects} and other fields are ignored, so a ground-truth file replays
 * as a schedule):
 *
 * <pre>
 * {"kind":"traffic-accident","sensors":["songdo-trf-0031"],"start":"2026-11-20T08:10:00Z","end":"2026-11-20T08:50:00Z"}
 * {"kind":"heatwave","district":"songdo-3","start":"+PT2H","duration":"PT8H","severity":0.8}
 * </pre>
 *
 * {@code start} is an instant, or {@code +} and an ISO-8601 duration after the run's start;
 * {@code end} is an instant, or {@code duration} gives the length. Blank lines and lines starting
 * with {@code #} are skipped.
 */
public final class IncidentSchedule {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private IncidentSchedule() {
    }

    public static List<PlannedIncident> read(Path file, Instant runStart) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString(), runStart);
        }
    }

    public static List<PlannedIncident> read(Reader reader, String source, Instant runStart) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<PlannedIncident> out = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            try {
                out.add(parse(l, runStart));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("incident schedule " + source + " line " + number + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static PlannedIncident parse(String line, Instant runStart) {
        JsonNode n;
        try {
            n = MAPPER.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        if (n == null || !n.isObject() || !n.hasNonNull("kind") || !n.hasNonNull("start")) {
            throw new IllegalArgumentException("needs at least \"kind\" and \"start\"");
        }
        Kind kind = Kind.ofWireName(n.get("kind").asText());
        Instant start = time(n.get("start").asText(), runStart, "start");
        Instant end;
        if (n.hasNonNull("end")) {
            end = time(n.get("end").asText(), runStart, "end");
        } else if (n.hasNonNull("duration")) {
            end = start.plus(duration(n.get("duration").asText(), "duration"));
        } else {
            throw new IllegalArgumentException("needs \"end\" or \"duration\"");
        }
        List<String> sensors = new ArrayList<>();
        n.path("sensors").forEach(s -> sensors.add(s.asText()));
        String district = n.hasNonNull("district") ? n.get("district").asText() : null;
        double severity = n.hasNonNull("severity") ? n.get("severity").asDouble() : 1.0;
        return new PlannedIncident(kind, sensors, district, start, end, severity);
    }

    private static Instant time(String v, Instant runStart, String field) {
        if (v.startsWith("+")) {
            if (runStart == null) {
                throw new IllegalArgumentException("'" + field + "' is relative (" + v + ") but the run has no start time");
            }
            return runStart.plus(duration(v.substring(1), field));
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' must be an ISO-8601 instant (2026-11-20T08:10:00Z) "
                + "or + and a duration (+PT2H), got '" + v + "'");
        }
    }

    private static Duration duration(String v, String field) {
        try {
            Duration d = Duration.parse(v);
            if (d.isNegative()) {
                throw new IllegalArgumentException("'" + field + "' must not be negative: " + v);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' must be an ISO-8601 duration such as PT2H, got '" + v + "'");
        }
    }
}
