package org.aicity.job.ingest;

import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.time.Instant;

/**
 * Flink serializer of {@link ValidReading}, the record that goes from decoding to the readings
 * sink (over the network: the sink is its own task) and to the chained 1-minute windows. It
 * replaces Flink's generic record serializer, which writes strings a char at a time and, with
 * object reuse off, deep-copied both arrays of every reading handed to the chained windows.
 *
 * <p>Format (version 1): {@code varint(bodyLength)} then the body:
 * <pre>
 *   ts epoch second  8 bytes  (0 if ts is null)
 *   ts nano          4 bytes  (0..999,999,999; -1 if ts is null)
 *   seq              8 bytes
 *   n                4 bytes  the number of metrics
 *   values           8 bytes each, n of them (raw IEEE 754 bits)
 *   cityId, sensorId, then the n metric names, as {@link CompactStrings}
 * </pre>
 * Integers are big-endian; the rest (one write per record, copy without parsing) is
 * {@link RecordBodySerializer}'s.
 *
 * <p>{@link #copy(Object)} returns the reading itself: a {@code ValidReading} is never changed after
 * decoding made it (nothing writes into its arrays), so Flink's defensive copy between chained
 * operators is not needed.
 */
public final class ValidReadingSerializer extends RecordBodySerializer<ValidReading> {

    private static final long serialVersionUID = 1L;

    /** ts second, ts nano, seq, n. */
    static final int FIXED_BYTES = INSTANT_BYTES + 8 + 4;

    private static final ValidReading PLACEHOLDER = new ValidReading("", "", Instant.EPOCH, 0, new String[0], new double[0]);

    public ValidReadingSerializer() {
        super("ValidReading", FIXED_BYTES + 2);
    }

    @Override
    public ValidReadingSerializer duplicate() {
        return new ValidReadingSerializer();
    }

    @Override
    public ValidReading createInstance() {
        return PLACEHOLDER;
    }

    @Override
    public void serialize(ValidReading r, DataOutputView target) throws IOException {
        String[] metrics = r.metrics();
        double[] values = r.values();
        int n = metrics.length;
        long worst = FIXED_BYTES + 8L * n + CompactStrings.maxBytes(r.cityId()) + CompactStrings.maxBytes(r.sensorId());
        for (String m : metrics) {
            worst += CompactStrings.maxBytes(m);
        }
        byte[] b = scratchForWriting(worst);
        int start = BODY_START;
        putInstant(b, start, r.ts());
        LONG.set(b, start + INSTANT_BYTES, r.seq());
        INT.set(b, start + INSTANT_BYTES + 8, n);
        int p = start + FIXED_BYTES;
        for (double v : values) {
            LONG.set(b, p, Double.doubleToRawLongBits(v));
            p += 8;
        }
        p = CompactStrings.putString(b, p, r.cityId());
        p = CompactStrings.putString(b, p, r.sensorId());
        for (String m : metrics) {
            p = CompactStrings.putString(b, p, m);
        }
        writeBody(b, p, target);
    }

    @Override
    ValidReading parse(byte[] b, int end) throws IOException {
        long seq = (long) LONG.get(b, INSTANT_BYTES);
        int n = (int) INT.get(b, INSTANT_BYTES + 8);
        // each metric takes 8 bytes of value and at least 1 of name
        if (n < 0 || n > (end - FIXED_BYTES - 2) / 9) {
            throw corrupt(n + " metrics in a body of " + end + " bytes");
        }
        Instant ts = instantAt(b, 0);
        double[] values = new double[n];
        int p = FIXED_BYTES;
        for (int i = 0; i < n; i++, p += 8) {
            values[i] = Double.longBitsToDouble((long) LONG.get(b, p));
        }
        CompactStrings.Reader r = new CompactStrings.Reader(b, p, end, typeName());
        String city = r.next();
        String sensor = r.next();
        String[] metrics = new String[n];
        for (int i = 0; i < n; i++) {
            metrics[i] = r.next();
        }
        if (r.position() != end) {
            throw corrupt((end - r.position()) + " bytes left over");
        }
        return new ValidReading(city, sensor, ts, seq, metrics, values);
    }

    @Override
    public TypeSerializerSnapshot<ValidReading> snapshotConfiguration() {
        return new ValidReadingSerializerSnapshot();
    }

    /**
     * The serializer's snapshot ({@link RecordBodySerializer.Snapshot}). The job keeps no
     * {@code ValidReading} in state, so the migration from Flink's generic record serializer only
     * matters for in-flight data.
     */
    public static final class ValidReadingSerializerSnapshot extends RecordBodySerializer.Snapshot<ValidReading> {

        public ValidReadingSerializerSnapshot() {
            super(ValidReadingSerializer::new);
        }
    }
}
