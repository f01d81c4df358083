package org.aicity.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes the payloads well-behaved sensors and gateways send, without Jackson: a reading object
 * or an array of them, each with exactly {@code sensorId}, {@code ts}, {@code seq} and
 * {@code metrics} (in any order, with any JSON whitespace), strings of printable ASCII without
 * escapes, and every reading valid. Anything else, whether a malformed payload, an unknown field, an
 * escape, a number it does not read exactly, or a single invalid reading, it declines (returns null)
 * before anything is kept, and {@link ReadingCodec} decodes the payload with Jackson from the
 * start, with its full reports. So a payload decodes to the same readings whichever path takes it
 * ({@code PlainPayloadDecoderTest} compares the two over valid payloads and millions of mutations).
 *
 * <p>Why: Jackson's parser (token location, name canonicalising, its number text buffer) was a
 * third of the stream job's decoding thread at 200,000 readings/s in batches of 100 (2026-12-06).
 *
 * <p>Numbers: a metric value of at most 15 significant digits and at most 22 fraction digits,
 * without an exponent, is the integer of its digits divided by a power of ten, which in double
 * arithmetic is correctly rounded (both are exact doubles, and one division rounds once); so it is
 * the same double as Jackson's (and {@link Double#parseDouble}'s) correctly rounded reading. Other
 * numbers are declined, as are negative zeros (Jackson reads the integer {@code -0} as 0.0).
 */
final class PlainPayloadDecoder {

    /** Exact powers of ten as doubles: 10^0 to 10^22. */
    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private static final byte[] SENSOR_ID = ascii("sensorId");
    private static final byte[] TS = ascii("ts");
    private static final byte[] SEQ = ascii("seq");
    private static final byte[] METRICS = ascii("metrics");

    private final ValidationPolicy policy;

    /** The catalogue's names as bytes, beside their specs: looked up without making a String of the name. */
    private final byte[][] metricNames;
    private final MetricSpec[] metricSpecs;
    /** A large catalogue is searched by its map instead: a scan is for a few dozen names. */
    private final MetricCatalogue catalogue;
    private static final int SCANNED_METRICS = 32;

    PlainPayloadDecoder(MetricCatalogue catalogue, ValidationPolicy policy) {
        this.policy = policy;
        this.catalogue = catalogue;
        this.metricSpecs = catalogue.all().toArray(MetricSpec[]::new);
        this.metricNames = new byte[metricSpecs.length][];
        for (int i = 0; i < metricSpecs.length; i++) {
            metricNames[i] = metricSpecs[i].name().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The spec of the metric named by bytes {@code from} to {@code to}, or null. */
    private MetricSpec metric(byte[] b, int from, int to) {
        if (metricSpecs.length > SCANNED_METRICS) {
            return catalogue.get(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        }
        for (int i = 0; i < metricNames.length; i++) {
            byte[] name = metricNames[i];
            if (name.length == to - from && Arrays.equals(b, from, to, name, 0, name.length)) {
                return metricSpecs[i];
            }
        }
        return null;
    }

    /** The payload's readings, all valid; or null when this decoder leaves the payload to Jackson. */
    DecodeResult decode(Topic topic, byte[] payload, Instant receivedAt) {
        return new Cursor(topic, payload, receivedAt).payload();
    }

    /** Thrown to decline; no stack trace, it is control flow. */
    private static final class Decline extends RuntimeException {
        static final Decline INSTANCE = new Decline();

        private Decline() {
            super(null, null, false, false);
        }
    }

    private final class Cursor {
        private final Topic topic;
        private final byte[] b;
        private final Instant receivedAt;
        private final Instant latest;
        private int pos;

        Cursor(Topic topic, byte[] b, Instant receivedAt) {
            this.topic = topic;
            this.b = b;
            this.receivedAt = receivedAt;
            this.latest = receivedAt.plus(policy.maxFutureSkew());
        }

        DecodeResult payload() {
            try {
                List<Reading> readings;
                int c = skipSpace();
                if (c == '{') {
                    readings = List.of(reading());
                } else if (c == '[') {
                    pos++;
                    readings = new ArrayList<>();
                    if (skipSpace() == ']') {
                        return null; // empty batch: Jackson's path reports it
                    }
                    while (true) {
                        if (readings.size() == policy.maxBatchSize() || skipSpace() != '{') {
                            return null;
                        }
                        readings.add(reading());
                        c = skipSpace();
                        pos++;
                        if (c == ']') {
                            break;
                        }
                        if (c != ',') {
                            return null;
                        }
                    }
                } else {
                    return null;
                }
                if (skipSpace() != -1) {
                    return null; // trailing content
                }
                return new DecodeResult(readings, List.of());
            } catch (Decline | ArrayIndexOutOfBoundsException e) {
                // an index past the end is a payload that stops short: Jackson's path reports it
                return null;
            }
        }

        /** One valid reading object, the cursor at its '{'. */
        private Reading reading() {
            pos++; // '{'
            int seen = 0;
            Instant ts = null;
            long seq = -1;
            MetricValues metrics = null;
            if (skipSpace() == '}') {
                throw Decline.INSTANCE;
            }
            while (true) {
                expect('"');
                int start = pos;
                int end = plainStringEnd();
                expectAfterSpace(':');
                skipSpace();
                if (equals(start, end, SENSOR_ID) && (seen & 1) == 0) {
                    seen |= 1;
                    expect('"');
                    int s = pos;
                    int e = plainStringEnd();
                    if (!isTopicSensor(s, e)) {
                        throw Decline.INSTANCE; // another sensor's id, or an invalid one: reported by Jackson's path
                    }
                } else if (equals(start, end, TS) && (seen & 2) == 0) {
                    seen |= 2;
                    ts = time();
                } else if (equals(start, end, SEQ) && (seen & 4) == 0) {
                    seen |= 4;
                    seq = naturalNumber();
                } else if (equals(start, end, METRICS) && (seen & 8) == 0) {
                    seen |= 8;
                    metrics = metrics();
                } else {
                    throw Decline.INSTANCE; // an unknown or repeated field
                }
                int c = skipSpace();
                pos++;
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw Decline.INSTANCE;
                }
                skipSpace();
            }
            if (seen != 15) {
                throw Decline.INSTANCE;
            }
            return new Reading(topic.sensorId(), ts, seq, metrics);
        }

        private Instant time() {
            Instant t;
            if (b[pos] == '"') {
                pos++;
                int s = pos;
                int e = plainStringEnd();
                t = ReadingCodec.parseInstant(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
            } else {
                t = Instant.ofEpochMilli(naturalNumber());
            }
            if (t == null || t.isBefore(policy.earliest()) || t.isAfter(latest)) {
                throw Decline.INSTANCE;
            }
            return t;
        }

        /** A JSON integer of 1 to 18 digits, not negative (a negative seq or time goes to Jackson's path). */
        private long naturalNumber() {
            int start = pos;
            long v = 0;
            while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
                v = v * 10 + (b[pos++] - '0');
            }
            int digits = pos - start;
            if (digits == 0 || digits > 18 || (b[start] == '0' && digits > 1) || endsNumberBadly()) {
                throw Decline.INSTANCE;
            }
            return v;
        }

        /** A number followed by '.', 'e' or 'E' is not the integer read; one followed by a letter or digit is not JSON. */
        private boolean endsNumberBadly() {
            if (pos >= b.length) {
                return false;
            }
            int c = b[pos];
            return c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+' || (c >= '0' && c <= '9')
                || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }

        private MetricValues metrics() {
            expect('{');
            String[] names = new String[4];
            double[] values = new double[4];
            int size = 0;
            if (skipSpace() == '}') {
                throw Decline.INSTANCE; // no metric: Jackson's path reports it
            }
            while (true) {
                expect('"');
                int start = pos;
                int end = plainStringEnd();
                MetricSpec spec = metric(b, start, end);
                if (spec == null || !spec.domains().contains(topic.domain()) || size == policy.maxMetrics()) {
                    throw Decline.INSTANCE;
                }
                String name = spec.name();
                for (int i = 0; i < size; i++) {
                    if (names[i].equals(name)) {
                        throw Decline.INSTANCE; // a repeated name: a parse error on Jackson's path
                    }
                }
                expectAfterSpace(':');
                skipSpace();
                double d = decimal();
                if (!spec.inRange(d)) {
                    throw Decline.INSTANCE;
                }
                if (size == names.length) {
                    names = Arrays.copyOf(names, size * 2);
                    values = Arrays.copyOf(values, size * 2);
                }
                names[size] = name;
                values[size++] = d;
                int c = skipSpace();
                pos++;
                if (c == '}') {
                    return new MetricValues(names, values, size);
                }
                if (c != ',') {
                    throw Decline.INSTANCE;
                }
                skipSpace();
            }
        }

        /** A JSON number without an exponent and with at most 15 significant digits, exactly as Jackson reads it. */
        private double decimal() {
            boolean negative = b[pos] == '-';
            if (negative) {
                pos++;
            }
            int intStart = pos;
            long m = 0;
            int digits = 0; // significant: from the first that is not zero; never more than 15, so m cannot overflow
            while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
                int d = b[pos++] - '0';
                if ((digits > 0 || d != 0) && ++digits > 15) {
                    throw Decline.INSTANCE;
                }
                m = m * 10 + d;
            }
            int intDigits = pos - intStart;
            if (intDigits == 0 || (b[intStart] == '0' && intDigits > 1)) {
                throw Decline.INSTANCE;
            }
            int fraction = 0;
            if (pos < b.length && b[pos] == '.') {
                pos++;
                int fracStart = pos;
                while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
                    int d = b[pos++] - '0';
                    if ((digits > 0 || d != 0) && ++digits > 15) {
                        throw Decline.INSTANCE;
                    }
                    m = m * 10 + d;
                }
                fraction = pos - fracStart;
                if (fraction == 0 || fraction > 22) {
                    throw Decline.INSTANCE;
                }
            }
            if ((negative && m == 0) || endsNumberBadly()) {
                throw Decline.INSTANCE;
            }
            double d = fraction == 0 ? (double) m : (double) m / POW10[fraction];
            return negative ? -d : d;
        }

        /** From just after an opening quote to its closing quote (the cursor after it); the end index. */
        private int plainStringEnd() {
            while (true) {
                int c = b[pos];
                if (c == '"') {
                    return pos++;
                }
                if (!isPlain(c)) {
                    throw Decline.INSTANCE; // escapes, control characters and non-ASCII: Jackson's path
                }
                pos++;
            }
        }

        private void expect(int c) {
            if (b[pos] != c) {
                throw Decline.INSTANCE;
            }
            pos++;
        }

        private void expectAfterSpace(int c) {
            skipSpace();
            expect(c);
        }

        /** Skips JSON whitespace; the next byte, or -1 at the end. */
        private int skipSpace() {
            while (pos < b.length) {
                int c = b[pos];
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    return c;
                }
                pos++;
            }
            return -1;
        }

        /** Whether bytes {@code start} to {@code end} are the topic's sensor id (ASCII, checked by the topic). */
        private boolean isTopicSensor(int start, int end) {
            String id = topic.sensorId();
            if (end - start != id.length()) {
                return false;
            }
            for (int i = 0; i < id.length(); i++) {
                if (b[start + i] != id.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private boolean equals(int start, int end, byte[] name) {
            return Arrays.equals(b, start, end, name, 0, name.length);
        }
    }

    /**
     * A character a plain string may hold as it is, in JSON text and on this path: printable ASCII
     * other than the quote and the backslash. {@link CompactReadingWriter} writes such strings
     * without Jackson by the same rule, so what it writes this decoder reads.
     */
    static boolean isPlain(int c) {
        return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
