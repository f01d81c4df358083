package org.aicity.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes readings as the bytes {@link ReadingCodec}'s Jackson generator writes for them, without
 * the generator: for the readings a simulator or gateway sends (ids and metric names of printable
 * ASCII needing no escape, times in years 0 to 9999, decimals {@link ShortDecimalFastPath} writes,
 * and zero), straight into one byte array. Anything else it declines (returns null), and the
 * caller writes the payload with Jackson; so the bytes on the wire do not depend on which one
 * wrote them ({@code CompactReadingWriterTest} compares the two over random readings).
 *
 * <p>Why: encoding took 40 % of the simulator's publishing thread in a profile of a
 * 200,000 readings/s benchmark step, the generator's per-field checks (context, escaping) most of
 * it; the load generator shares the benchmark machine's two cores with the pipeline it measures.
 *
 * <p>One instance per thread; it keeps its buffer between calls.
 */
final class CompactReadingWriter {

    private static final byte[] SENSOR_ID = ascii("{\"sensorId\":\"");
    private static final byte[] TS = ascii("\",\"ts\":\"");
    private static final byte[] SEQ = ascii("\",\"seq\":");
    private static final byte[] METRICS = ascii(",\"metrics\":{");

    private byte[] out = new byte[256];
    private int pos;
    private final char[] number = new char[ShortDecimalFastPath.MAX_CHARS];

    /** One reading as a JSON object, or null if this writer does not handle it. */
    byte[] write(Reading r) {
        pos = 0;
        return writeReading(r) ? Arrays.copyOf(out, pos) : null;
    }

    /** A gateway batch as a JSON array, or null if this writer does not handle one of its readings. */
    byte[] writeBatch(List<Reading> readings) {
        pos = 0;
        ensure(1);
        out[pos++] = '[';
        for (int i = 0; i < readings.size(); i++) {
            if (i > 0) {
                ensure(1);
                out[pos++] = ',';
            }
            if (!writeReading(readings.get(i))) {
                return null;
            }
        }
        ensure(1);
        out[pos++] = ']';
        return Arrays.copyOf(out, pos);
    }

    private boolean writeReading(Reading r) {
        put(SENSOR_ID);
        if (!putPlain(r.sensorId())) {
            return false;
        }
        put(TS);
        ensure(IsoInstantFastPath.MAX_LENGTH);
        int n = IsoInstantFastPath.formatInto(r.ts(), out, pos);
        if (n < 0) {
            return false;
        }
        pos += n;
        put(SEQ);
        putLong(r.seq());
        put(METRICS);
        Map<String, Double> metrics = r.metrics();
        if (metrics instanceof MetricValues m) {
            for (int i = 0; i < m.size(); i++) {
                if (!putMetric(i, m.name(i), m.value(i))) {
                    return false;
                }
            }
        } else {
            int i = 0;
            for (Map.Entry<String, Double> e : metrics.entrySet()) {
                if (!putMetric(i++, e.getKey(), e.getValue())) {
                    return false;
                }
            }
        }
        ensure(2);
        out[pos++] = '}';
        out[pos++] = '}';
        return true;
    }

    private boolean putMetric(int index, String name, double value) {
        ensure(2);
        if (index > 0) {
            out[pos++] = ',';
        }
        out[pos++] = '"';
        if (!putPlain(name)) {
            return false;
        }
        ensure(2 + ShortDecimalFastPath.MAX_CHARS);
        out[pos++] = '"';
        out[pos++] = ':';
        if (value == 0) {
            // Jackson's text of a zero; ShortDecimalFastPath starts at 0.001
            if (Double.doubleToRawLongBits(value) != 0) {
                out[pos++] = '-';
            }
            out[pos++] = '0';
            out[pos++] = '.';
            out[pos++] = '0';
            return true;
        }
        int n = ShortDecimalFastPath.format(value, number);
        if (n < 0) {
            return false; // also NaN and the infinities, which the caller refuses
        }
        for (int i = 0; i < n; i++) {
            out[pos++] = (byte) number[i];
        }
        return true;
    }

    /** A string of printable ASCII other than the quote and the backslash: its bytes as they are. */
    private boolean putPlain(String s) {
        int length = s.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (!PlainPayloadDecoder.isPlain(c)) {
                return false;
            }
            out[pos++] = (byte) c;
        }
        return true;
    }

    private void putLong(long v) {
        ensure(20);
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                put(ascii(Long.toString(v)));
                return;
            }
            out[pos++] = '-';
            v = -v;
        }
        int start = pos;
        do {
            out[pos++] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        } while (v > 0);
        for (int i = start, j = pos - 1; i < j; i++, j--) {
            byte b = out[i];
            out[i] = out[j];
            out[j] = b;
        }
    }

    private void put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, out, pos, b.length);
        pos += b.length;
    }

    private void ensure(int more) {
        if (pos + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, pos + more));
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

}
