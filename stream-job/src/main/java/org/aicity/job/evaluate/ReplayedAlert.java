package org.aicity.job.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An alert as the replay wrote it (its last version: the replay writes one line when an alert
 * opens, escalates and closes, under one id).
 *
 * @param closedAt null when still open at the end of the replay
 */
record ReplayedAlert(String alertId, String kind, String subject, String district, Instant since, Instant raisedAt,
                     Instant closedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether the alert was open at some time in [from, to). */
    boolean activeDuring(Instant from, Instant to) {
        return raisedAt.isBefore(to) && (closedAt == null || closedAt.isAfter(from));
    }

    static List<ReplayedAlert> read(Path alertsJsonl) throws IOException {
        Map<String, ReplayedAlert> byId = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(alertsJsonl, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                String id = n.path("alertId").asText();
                byId.put(id, new ReplayedAlert(id, n.path("kind").asText(), n.path("subject").asText(),
                    n.path("district").asText(""), Instant.parse(n.path("since").asText()),
                    Instant.parse(n.path("raisedAt").asText()),
                    n.path("closedAt").isTextual() ? Instant.parse(n.path("closedAt").asText()) : null));
            }
        }
        return new ArrayList<>(byId.values());
    }
}
