package org.aicity.job.ingest;

import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.time.Instant;

/**
 * Flink serializer of {@link Measurement}, the record shuffled from decoding to the 1-minute
 * statistics and the readings sink. It replaces Flink's generic record (POJO) serializer, which
 * reads the fields reflectively and writes strings one char at a time through the output view.
 *
 * <p>Format (version 1): {@code varint(bodyLength)} then the body:
 * <pre>
 *   ts epoch second  8 bytes  (0 if ts is null)
 *   ts nano          4 bytes  (0..999,999,999; -1 if ts is null)
 *   seq              8 bytes
 *   value            8 bytes  (raw IEEE 754 bits: NaN payloads, -0.0 and infinities survive)
 *   cityId, sensorId, metric: each varint(length &lt;&lt; 2 | kind), then the chars
 *       kind 0: null (length 0, no chars)
 *       kind 1: every char is at most U+00FF: one byte per char (ISO-8859-1; ids are ASCII)
 *       kind 2: any other string: two bytes per UTF-16 char, big-endian (lone surrogates too)
 * </pre>
 * Integers are big-endian. A record costs two calls on the Flink view rather than one per char;
 * that and copying without parsing are {@link RecordBodySerializer}'s. A null {@code Measurement}
 * is not supported (Flink streams carry no null records); null fields are.
 */
public final class MeasurementSerializer extends RecordBodySerializer<Measurement> {

    private static final long serialVersionUID = 1L;

    /** ts second, ts nano, seq, value. */
    static final int FIXED_BYTES = INSTANT_BYTES + 8 + 8;

    private static final Measurement PLACEHOLDER = new Measurement("", "", "", Instant.EPOCH, 0, 0);

    public MeasurementSerializer() {
        super("Measurement", FIXED_BYTES + 3);
    }

    /** A new instance: each has its own scratch array. */
    @Override
    public MeasurementSerializer duplicate() {
        return new MeasurementSerializer();
    }

    @Override
    public Measurement createInstance() {
        return PLACEHOLDER;
    }

    @Override
    public void serialize(Measurement m, DataOutputView target) throws IOException {
        String city = m.cityId();
        String sensor = m.sensorId();
        String metric = m.metric();
        // worst case: every string in UTF-16 with a 5-byte header
        byte[] b = scratchForWriting(FIXED_BYTES + CompactStrings.maxBytes(city) + CompactStrings.maxBytes(sensor)
            + CompactStrings.maxBytes(metric));
        int start = BODY_START;
        putInstant(b, start, m.ts());
        LONG.set(b, start + INSTANT_BYTES, m.seq());
        LONG.set(b, start + INSTANT_BYTES + 8, Double.doubleToRawLongBits(m.value()));
        int p = start + FIXED_BYTES;
        p = CompactStrings.putString(b, p, city);
        p = CompactStrings.putString(b, p, sensor);
        p = CompactStrings.putString(b, p, metric);
        writeBody(b, p, target);
    }

    @Override
    Measurement parse(byte[] b, int end) throws IOException {
        long seq = (long) LONG.get(b, INSTANT_BYTES);
        double value = Double.longBitsToDouble((long) LONG.get(b, INSTANT_BYTES + 8));
        Instant ts = instantAt(b, 0);
        CompactStrings.Reader r = new CompactStrings.Reader(b, FIXED_BYTES, end, typeName());
        String city = r.next();
        String sensor = r.next();
        String metric = r.next();
        if (r.position() != end) {
            throw corrupt((end - r.position()) + " bytes left over");
        }
        return new Measurement(city, sensor, metric, ts, seq, value);
    }

    @Override
    public TypeSerializerSnapshot<Measurement> snapshotConfiguration() {
        return new MeasurementSerializerSnapshot();
    }

    /**
     * The serializer's snapshot ({@link RecordBodySerializer.Snapshot}): state written by Flink's
     * generic record serializer of {@link Measurement} (e.g. a replay row waiting in state) migrates.
     */
    public static final class MeasurementSerializerSnapshot extends RecordBodySerializer.Snapshot<Measurement> {

        public MeasurementSerializerSnapshot() {
            super(MeasurementSerializer::new);
        }
    }
}
