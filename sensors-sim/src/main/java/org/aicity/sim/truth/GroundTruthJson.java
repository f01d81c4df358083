package org.aicity.sim.truth;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One ground-truth line to and from JSON. Null fields are left out; unknown fields are ignored on reading. */
final class GroundTruthJson {

    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GroundTruthJson() {
    }

    static String encode(GroundTruthEvent e) {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("id", e.id());
            g.writeStringField("kind", e.kind().wireName());
            g.writeStringField("category", e.category().wireName());
            writeIfPresent(g, "city", e.city());
            writeIfPresent(g, "district", e.district());
            writeIfPresent(g, "corridor", e.corridor());
            writeStrings(g, "sensors", e.sensors());
            g.writeStringField("start", e.start().toString());
            g.writeStringField("end", e.end().toString());
            g.writeArrayFieldStart("effects");
            for (GroundTruthEvent.Effect f : e.effects()) {
                g.writeStartObject();
                g.writeStringField("metric", f.metric());
                g.writeStringField("change", f.change().wireName());
                writeStrings(g, "sensors", f.sensors());
                writeIfPresent(g, "ratio", f.ratio());
                writeIfPresent(g, "delta", f.delta());
                writeIfPresent(g, "value", f.value());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("detail");
            for (Map.Entry<String, String> d : new TreeMap<>(e.detail()).entrySet()) {
                g.writeStringField(d.getKey(), d.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    static GroundTruthEvent decode(String line) {
        JsonNode n;
        try {
            n = MAPPER.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        List<GroundTruthEvent.Effect> effects = new ArrayList<>();
        for (JsonNode f : n.path("effects")) {
            effects.add(new GroundTruthEvent.Effect(required(f, "metric"),
                GroundTruthEvent.Change.ofWireName(required(f, "change")), strings(f.path("sensors")),
                number(f, "ratio"), number(f, "delta"), number(f, "value")));
        }
        Map<String, String> detail = new TreeMap<>();
        n.path("detail").fields().forEachRemaining(d -> detail.put(d.getKey(), d.getValue().asText()));
        return new GroundTruthEvent(required(n, "id"), GroundTruthEvent.Kind.ofWireName(required(n, "kind")),
            text(n, "city"), text(n, "district"), text(n, "corridor"), strings(n.path("sensors")),
            instant(n, "start"), instant(n, "end"), effects, detail);
    }

    private static void writeIfPresent(JsonGenerator g, String name, String v) throws IOException {
        if (v != null) {
            g.writeStringField(name, v);
        }
    }

    private static void writeIfPresent(JsonGenerator g, String name, Double v) throws IOException {
        if (v != null) {
            g.writeNumberField(name, v);
        }
    }

    private static void writeStrings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static String required(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return v;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? null : v.doubleValue();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static Instant instant(JsonNode n, String field) {
        String v = required(n, field);
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' is not an ISO-8601 instant: " + v);
        }
    }
}
