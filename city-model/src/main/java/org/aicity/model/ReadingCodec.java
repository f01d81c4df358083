package org.aicity.model;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON wire codec. Decoding validates as it parses and reports every reason a reading is
 * invalid; valid readings of a gateway batch pass even when other elements of it are rejected.
 * Thread-safe; one instance can serve a whole job.
 */
public final class ReadingCodec {

    private final MetricCatalogue catalogue;
    private final ValidationPolicy policy;
    private final JsonFactory json;
    /** The common, valid payloads without Jackson; see {@link PlainPayloadDecoder}. */
    private final PlainPayloadDecoder plain;

    public ReadingCodec() {
        this(MetricCatalogue.standard(), ValidationPolicy.DEFAULT);
    }

    public ReadingCodec(MetricCatalogue catalogue, ValidationPolicy policy) {
        this.catalogue = catalogue;
        this.policy = policy;
        this.plain = new PlainPayloadDecoder(catalogue, policy);
        this.json = JsonFactory.builder()
            // NaN and Infinity are parsed so that they can be reported as such, not as "malformed"
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // duplicate names are refused by this class itself (see skipChecked), not by the parser's
            // STRICT_DUPLICATE_DETECTION, whose hash set per object was 10 % of the job's decoding thread
            // the same doubles as Double.parseDouble and Double.toString round trips, at less cost:
            // number text to double was 8 % of the stream job's decoding thread, double to text 10 %
            // of the simulator (profiles of the benchmark's batches of 100)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(policy.maxNestingDepth())
                .maxStringLength(policy.maxPayloadBytes())
                .maxNumberLength(64)
                .build())
            .build();
    }

    public ValidationPolicy policy() {
        return policy;
    }

    /**
     * Decodes one MQTT message.
     *
     * @param topic      the topic it arrived on, as received
     * @param payload    the raw payload
     * @param receivedAt when it arrived, for the future-timestamp check
     */
    public DecodeResult decode(String topic, byte[] payload, Instant receivedAt) {
        return decode(Topic.parse(topic), payload, receivedAt);
    }

    /**
     * Decodes one MQTT message whose topic the caller has already parsed with {@link Topic#parse},
     * so that it is parsed once per message. Same result as {@link #decode(String, byte[], Instant)}
     * with the topic string that was parsed: the topic's violations and the payload's whole-message
     * checks (empty, too large, not UTF-8) are reported just the same.
     *
     * @param parsed     the parse outcome of the topic the message arrived on
     * @param payload    the raw payload
     * @param receivedAt when it arrived, for the future-timestamp check
     */
    public DecodeResult decode(Topic.Parsed parsed, byte[] payload, Instant receivedAt) {
        List<Violation> whole = new ArrayList<>(parsed.violations());
        if (payload == null || payload.length == 0) {
            whole.add(new Violation("payload", "is empty"));
        } else if (payload.length > policy.maxPayloadBytes()) {
            whole.add(new Violation("payload", payload.length + " bytes exceeds the limit of "
                + policy.maxPayloadBytes() + " bytes"));
        } else if (looksLikeUtf16Or32(payload)) {
            whole.add(new Violation("payload", "is not valid UTF-8 (it looks like UTF-16 or UTF-32); send UTF-8 JSON"));
        }
        if (!whole.isEmpty()) {
            return DecodeResult.wholeMessage(whole);
        }
        return decode(parsed.topic(), payload, receivedAt);
    }

    /** Decodes a payload that arrived on an already parsed topic. */
    public DecodeResult decode(Topic topic, byte[] payload, Instant receivedAt) {
        if (payload != null && payload.length > 0 && payload.length <= policy.maxPayloadBytes()) {
            DecodeResult valid = plain.decode(topic, payload, receivedAt);
            if (valid != null) {
                return valid;
            }
        }
        return decodeWithJackson(topic, payload, receivedAt);
    }

    /** {@link #decode(Topic, byte[], Instant)} with Jackson's parser, for any payload, with every report. */
    DecodeResult decodeWithJackson(Topic topic, byte[] payload, Instant receivedAt) {
        List<Reading> ok = new ArrayList<>();
        List<DecodeResult.Rejection> bad = new ArrayList<>();
        try (JsonParser p = json.createParser(payload)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
                readOne(p, topic, receivedAt, DecodeResult.Rejection.WHOLE_MESSAGE, ok, bad);
            } else if (first == JsonToken.START_ARRAY) {
                int i = 0;
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == null) {
                        return DecodeResult.wholeMessage(List.of(new Violation("payload", "unexpected end of input inside the batch")));
                    }
                    if (i >= policy.maxBatchSize()) {
                        return DecodeResult.wholeMessage(List.of(new Violation("payload",
                            "batch has more than " + policy.maxBatchSize() + " readings")));
                    }
                    if (t == JsonToken.START_OBJECT) {
                        readOne(p, topic, receivedAt, i, ok, bad);
                    } else {
                        skipChecked(p);
                        bad.add(new DecodeResult.Rejection(i, null,
                            List.of(new Violation("[" + i + "]", "must be a reading object, got " + describe(t)))));
                    }
                    i++;
                }
                if (i == 0) {
                    return DecodeResult.wholeMessage(List.of(new Violation("payload", "batch is empty")));
                }
            } else {
                return DecodeResult.wholeMessage(List.of(new Violation("payload",
                    "must be a JSON object (one reading) or array (a batch), got " + describe(first))));
            }
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                return DecodeResult.wholeMessage(List.of(new Violation("payload", "unexpected content after the JSON value")));
            }
        } catch (StreamConstraintsException e) {
            return DecodeResult.wholeMessage(List.of(new Violation("payload", "exceeds a parser limit: " + firstLine(e.getOriginalMessage()))));
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            String reason = msg != null && msg.contains("UTF-8")
                ? "is not valid UTF-8 (" + firstLine(msg) + ")"
                : "is not well-formed JSON: " + firstLine(msg);
            if (e.getLocation() != null) {
                reason += " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            }
            return DecodeResult.wholeMessage(List.of(new Violation("payload", reason)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DecodeResult(ok, bad);
    }

    /** The reading's fields, as bits of the set of those seen. */
    private static final int SENSOR_ID = 1;
    private static final int TS = 2;
    private static final int SEQ = 4;
    private static final int METRICS = 8;

    private void readOne(JsonParser p, Topic topic, Instant receivedAt, int index,
                         List<Reading> ok, List<DecodeResult.Rejection> bad) throws IOException {
        String prefix = index == DecodeResult.Rejection.WHOLE_MESSAGE ? "" : "[" + index + "].";
        List<Violation> v = new ArrayList<>(2);
        String sensorId = null;
        Instant ts = null;
        long seq = -1;
        Map<String, Double> metrics = null;

        int knownSeen = 0;
        Names otherNames = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            // one switch on the name; the value's switch below is on this bit
            int known = switch (field) {
                case "sensorId" -> SENSOR_ID;
                case "ts" -> TS;
                case "seq" -> SEQ;
                case "metrics" -> METRICS;
                default -> 0;
            };
            if (known != 0) {
                if ((knownSeen & known) != 0) {
                    throw duplicate(p, field);
                }
                knownSeen |= known;
            } else {
                otherNames = Names.addNew(otherNames, p, field);
            }
            JsonToken value = p.nextToken();
            switch (known) {
                case SENSOR_ID -> {
                    if (value == JsonToken.VALUE_STRING) {
                        sensorId = p.getText();
                        if (!Topic.isValidId(sensorId)) {
                            v.add(new Violation(prefix + "sensorId", "'" + abbreviate(sensorId) + "' is not a valid id (" + Topic.ID.pattern() + ")"));
                        } else if (!sensorId.equals(topic.sensorId())) {
                            v.add(new Violation(prefix + "sensorId", "'" + sensorId + "' does not match the topic's sensor '" + topic.sensorId() + "'"));
                        }
                    } else {
                        v.add(new Violation(prefix + "sensorId", "must be a string, got " + describe(value)));
                        skipChecked(p);
                    }
                }
                case TS -> {
                    if (value == JsonToken.VALUE_STRING) {
                        ts = parseInstant(p.getText());
                        if (ts == null) {
                            v.add(new Violation(prefix + "ts", "'" + abbreviate(p.getText()) + "' is not an ISO-8601 timestamp with a zone, e.g. 2026-11-21T08:15:00Z"));
                        }
                    } else if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        v.add(new Violation(prefix + "ts", "epoch milliseconds " + abbreviate(p.getText()) + " are larger than a 64-bit integer"));
                    } else if (value == JsonToken.VALUE_NUMBER_INT) {
                        ts = Instant.ofEpochMilli(p.getLongValue());
                    } else {
                        v.add(new Violation(prefix + "ts", "must be an ISO-8601 string or epoch milliseconds, got " + describe(value)));
                        skipChecked(p);
                    }
                    if (ts != null) {
                        if (ts.isBefore(policy.earliest())) {
                            v.add(new Violation(prefix + "ts", ts + " is before the earliest accepted time " + policy.earliest()));
                        } else if (ts.isAfter(receivedAt.plus(policy.maxFutureSkew()))) {
                            v.add(new Violation(prefix + "ts", ts + " is more than " + policy.maxFutureSkew().toSeconds()
                                + " s ahead of the receive time " + receivedAt));
                        }
                    }
                }
                case SEQ -> {
                    if (value == JsonToken.VALUE_NUMBER_INT) {
                        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                            v.add(new Violation(prefix + "seq", "is larger than a 64-bit integer"));
                        } else {
                            seq = p.getLongValue();
                            if (seq < 0) {
                                v.add(new Violation(prefix + "seq", "must not be negative, got " + seq));
                            }
                        }
                    } else {
                        v.add(new Violation(prefix + "seq", "must be a non-negative integer, got " + describe(value)));
                        skipChecked(p);
                    }
                }
                case METRICS -> {
                    if (value == JsonToken.START_OBJECT) {
                        metrics = readMetrics(p, topic.domain(), prefix, v);
                    } else {
                        v.add(new Violation(prefix + "metrics", "must be an object of metric name to number, got " + describe(value)));
                        skipChecked(p);
                    }
                }
                default -> skipChecked(p); // unknown fields are ignored, for forward compatibility
            }
        }
        if (sensorId == null && v.stream().noneMatch(x -> x.field().equals(prefix + "sensorId"))) {
            v.add(new Violation(prefix + "sensorId", "is required"));
        }
        if (ts == null && v.stream().noneMatch(x -> x.field().equals(prefix + "ts"))) {
            v.add(new Violation(prefix + "ts", "is required"));
        }
        if ((knownSeen & SEQ) == 0) {
            v.add(new Violation(prefix + "seq", "is required"));
        }
        if ((knownSeen & METRICS) == 0) {
            v.add(new Violation(prefix + "metrics", "is required"));
        } else if (metrics != null && metrics.isEmpty() && v.stream().noneMatch(x -> x.field().startsWith(prefix + "metrics"))) {
            v.add(new Violation(prefix + "metrics", "must contain at least one metric"));
        }
        if (v.isEmpty()) {
            ok.add(new Reading(sensorId, ts, seq, metrics));
        } else {
            bad.add(new DecodeResult.Rejection(index, sensorId, v));
        }
    }

    private Map<String, Double> readMetrics(JsonParser p, Domain domain, String prefix, List<Violation> v) throws IOException {
        String[] names = new String[4];
        double[] values = new double[4];
        int size = 0;
        int n = 0;
        Names seen = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            seen = Names.addNew(seen, p, name);
            JsonToken value = p.nextToken();
            if (++n > policy.maxMetrics()) {
                skipChecked(p);
                if (n == policy.maxMetrics() + 1) {
                    v.add(new Violation(prefix + "metrics", "has more than " + policy.maxMetrics() + " metrics"));
                }
                continue;
            }
            MetricSpec spec = catalogue.get(name);
            if (spec == null) {
                v.add(new Violation(metricField(prefix, name), "is not a known metric (see the metric catalogue)"));
                skipChecked(p);
                continue;
            }
            if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
                v.add(new Violation(metricField(prefix, name), "must be a number, got " + describe(value)));
                skipChecked(p);
                continue;
            }
            double d = p.getDoubleValue();
            if (!Double.isFinite(d)) {
                v.add(new Violation(metricField(prefix, name), "must be a finite number, got " + p.getText()));
            } else if (!spec.domains().contains(domain)) {
                v.add(new Violation(metricField(prefix, name), "is not a " + domain.wireName() + " metric"));
            } else if (!spec.inRange(d)) {
                v.add(new Violation(metricField(prefix, name), d + " is outside the valid range " + fmt(spec.min()) + ".." + fmt(spec.max()) + " " + spec.unit()));
            } else {
                // the catalogue's own String: its hash is computed once, not per reading downstream
                // (the dedup fingerprint and the windows hash and compare metric names). A name
                // comes once: a duplicate name was refused above.
                if (size == names.length) {
                    names = Arrays.copyOf(names, size * 2);
                    values = Arrays.copyOf(values, size * 2);
                }
                names[size] = spec.name();
                values[size++] = d;
            }
        }
        return new MetricValues(names, values, size);
    }

    /** The field a violation of a metric names (built only for a violation: it was 4 % of decoding). */
    private static String metricField(String prefix, String name) {
        return prefix + "metrics." + abbreviate(name);
    }

    /**
     * Skips the value at the current token, as {@link JsonParser#skipChildren()} does, but refuses a
     * name that comes twice in one object at any depth, the way the parser's
     * STRICT_DUPLICATE_DETECTION did: a JSON object with a repeated name is not one this codec
     * accepts, even where its content is ignored.
     */
    private static void skipChecked(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Names names = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                names = Names.addNew(names, p, p.currentName());
                p.nextToken();
                skipChecked(p);
            }
        } else if (t == JsonToken.START_ARRAY) {
            while (p.nextToken() != JsonToken.END_ARRAY) {
                skipChecked(p);
            }
        }
    }

    /** The parse error for a repeated name: the text the parser's own check gave, at the repeated name. */
    private static JsonParseException duplicate(JsonParser p, String name) {
        return new JsonParseException(p, "Duplicate field '" + name + "'", p.currentTokenLocation());
    }

    /**
     * The names of one JSON object so far: a short array scanned in order (an object has a few),
     * a hash set once there are many, so that a payload of many names costs no more than linear time.
     */
    private static final class Names {
        private static final int SCANNED = 8;
        private final String[] few = new String[SCANNED];
        private int count;
        private Set<String> many;

        /** Adds a name to {@code names} (created on the first name); a name already there is a parse error. */
        static Names addNew(Names names, JsonParser p, String name) throws JsonParseException {
            Names n = names == null ? new Names() : names;
            if (!n.add(name)) {
                throw duplicate(p, name);
            }
            return n;
        }

        private boolean add(String name) {
            if (many != null) {
                return many.add(name);
            }
            for (int i = 0; i < count; i++) {
                if (few[i].equals(name)) {
                    return false;
                }
            }
            if (count < SCANNED) {
                few[count++] = name;
                return true;
            }
            many = new HashSet<>(Arrays.asList(few));
            return many.add(name);
        }
    }

    /**
     * Jackson would detect UTF-16 and UTF-32 by their byte order mark or zero bytes and decode them;
     * the contract says UTF-8, and a JSON text in UTF-8 never has a zero byte in its first four.
     */
    private static boolean looksLikeUtf16Or32(byte[] b) {
        if (b.length >= 2 && ((b[0] == (byte) 0xFE && b[1] == (byte) 0xFF) || (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE))) {
            return true;
        }
        for (int i = 0; i < Math.min(4, b.length); i++) {
            if (b[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * An ISO-8601 timestamp with a zone, or null. The common {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}
     * shape is converted directly; anything else goes to the full parsers, which give the same
     * instant for that shape (see {@link IsoInstantFastPath}).
     */
    static Instant parseInstant(String s) {
        Instant fast = IsoInstantFastPath.parse(s);
        return fast != null ? fast : parseInstantFully(s);
    }

    /** {@link Instant#parse}, then {@link OffsetDateTime#parse} for offsets; null if neither accepts it. */
    static Instant parseInstantFully(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeException e) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeException e2) {
                return null;
            }
        }
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Encodes one reading as compact JSON. */
    public byte[] encode(Reading r) {
        byte[] fast = WRITERS.get().write(r);
        return fast != null ? fast : encodeWithJackson(r);
    }

    /** Encodes a gateway batch (a JSON array of readings). */
    public byte[] encodeBatch(List<Reading> readings) {
        byte[] fast = WRITERS.get().writeBatch(readings);
        return fast != null ? fast : encodeBatchWithJackson(readings);
    }

    /** The common readings' writer, one per thread; the same bytes as Jackson's (see {@link CompactReadingWriter}). */
    private static final ThreadLocal<CompactReadingWriter> WRITERS = ThreadLocal.withInitial(CompactReadingWriter::new);

    /** {@link #encode} with Jackson's generator, for any reading. */
    byte[] encodeWithJackson(Reading r) {
        ByteArrayBuilder out = new ByteArrayBuilder(128);
        try (JsonGenerator g = json.createGenerator(out, JsonEncoding.UTF8)) {
            write(g, r, new char[ShortDecimalFastPath.MAX_CHARS]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@link #encodeBatch} with Jackson's generator, for any readings. */
    byte[] encodeBatchWithJackson(List<Reading> readings) {
        ByteArrayBuilder out = new ByteArrayBuilder(128 * readings.size());
        try (JsonGenerator g = json.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartArray();
            char[] number = new char[ShortDecimalFastPath.MAX_CHARS];
            for (Reading r : readings) {
                write(g, r, number);
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code number} is scratch space for {@link ShortDecimalFastPath}. */
    private static void write(JsonGenerator g, Reading r, char[] number) throws IOException {
        g.writeStartObject();
        g.writeStringField("sensorId", r.sensorId());
        g.writeStringField("ts", IsoInstantFastPath.format(r.ts()));
        g.writeNumberField("seq", r.seq());
        g.writeObjectFieldStart("metrics");
        for (Map.Entry<String, Double> e : r.metrics().entrySet()) {
            double d = e.getValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("metric " + e.getKey() + " of " + r.sensorId() + " is not finite: " + d);
            }
            int n = ShortDecimalFastPath.format(d, number);
            if (n > 0) {
                g.writeFieldName(e.getKey());
                g.writeNumber(number, 0, n);
            } else {
                g.writeNumberField(e.getKey(), d);
            }
        }
        g.writeEndObject();
        g.writeEndObject();
    }
}
