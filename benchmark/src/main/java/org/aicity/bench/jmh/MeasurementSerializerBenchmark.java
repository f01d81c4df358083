package org.aicity.bench.jmh;

import org.aicity.job.ingest.Measurement;
import org.aicity.job.ingest.MeasurementSerializer;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.MathUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The record shuffled from decoding to the 1-minute statistics: serialize and deserialize one
 * measurement (the three metrics of a traffic reading in turn) with Flink's generic record
 * serializer (built here the way Flink's type extraction builds it for an unannotated record)
 * and with the dedicated {@link MeasurementSerializer}; and the key's cost, as a fresh
 * "city/sensor/metric" string hashed to a key group, beside the hash of a key built once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@org.openjdk.jmh.annotations.Measurement(iterations = 5, time = 2)
@Fork(1)
public class MeasurementSerializerBenchmark {

    private static final int MAX_PARALLELISM = 128;

    private final TypeSerializer<Measurement> generic = genericSerializer();
    private final MeasurementSerializer dedicated = new MeasurementSerializer();
    private final DataOutputSerializer out = new DataOutputSerializer(256);
    private final DataInputDeserializer in = new DataInputDeserializer();
    private Measurement[] measurements;
    private String[] builtKeys;
    private byte[][] genericBytes;
    private byte[][] dedicatedBytes;
    private int next;

    @Setup
    public void setup() throws IOException {
        Instant ts = Instant.parse("2026-11-21T08:16:00Z");
        measurements = new Measurement[] {
            new Measurement("songdo", "songdo-trf-0042", "intensity", ts, 18_000, 41),
            new Measurement("songdo", "songdo-trf-0042", "averageVehicleSpeed", ts, 18_000, 38.5),
            new Measurement("songdo", "songdo-trf-0042", "occupancy", ts, 18_000, 0.23),
        };
        builtKeys = new String[measurements.length];
        genericBytes = new byte[measurements.length][];
        dedicatedBytes = new byte[measurements.length][];
        for (int i = 0; i < measurements.length; i++) {
            builtKeys[i] = measurements[i].seriesKey();
            genericBytes[i] = bytes(generic, measurements[i]);
            dedicatedBytes[i] = bytes(dedicated, measurements[i]);
        }
    }

    private int nextIndex() {
        int i = next;
        next = i == measurements.length - 1 ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public Measurement genericRoundTrip() throws IOException {
        return roundTrip(generic, measurements[nextIndex()]);
    }

    @Benchmark
    public Measurement dedicatedRoundTrip() throws IOException {
        return roundTrip(dedicated, measurements[nextIndex()]);
    }

    @Benchmark
    public int genericSerialize() throws IOException {
        out.clear();
        generic.serialize(measurements[nextIndex()], out);
        return out.length();
    }

    @Benchmark
    public int dedicatedSerialize() throws IOException {
        out.clear();
        dedicated.serialize(measurements[nextIndex()], out);
        return out.length();
    }

    @Benchmark
    public Measurement genericDeserialize() throws IOException {
        in.setBuffer(genericBytes[nextIndex()]);
        return generic.deserialize(in);
    }

    @Benchmark
    public Measurement dedicatedDeserialize() throws IOException {
        in.setBuffer(dedicatedBytes[nextIndex()]);
        return dedicated.deserialize(in);
    }

    /** What the keyed shuffle does per record: a fresh key, its String hash, murmur to a key group. */
    @Benchmark
    public int keyGroupOfFreshKey() {
        return keyGroup(measurements[nextIndex()].seriesKey());
    }

    /** The floor for any caching of the key: a key built once (its String hash cached). */
    @Benchmark
    public int keyGroupOfBuiltKey() {
        return keyGroup(builtKeys[nextIndex()]);
    }

    /** Same as KeyGroupRangeAssignment.assignToKeyGroup (flink-runtime, not on this classpath). */
    private static int keyGroup(String key) {
        return MathUtils.murmurHash(key.hashCode()) % MAX_PARALLELISM;
    }

    private Measurement roundTrip(TypeSerializer<Measurement> serializer, Measurement m) throws IOException {
        out.clear();
        serializer.serialize(m, out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return serializer.deserialize(in);
    }

    private static byte[] bytes(TypeSerializer<Measurement> serializer, Measurement m) throws IOException {
        DataOutputSerializer o = new DataOutputSerializer(256);
        serializer.serialize(m, o);
        return o.getCopyOfBuffer();
    }

    /** Flink's record serializer of Measurement, bypassing its @TypeInfo factory. */
    static TypeSerializer<Measurement> genericSerializer() {
        try {
            Class<Measurement> c = Measurement.class;
            List<PojoField> fields = new ArrayList<>();
            fields.add(new PojoField(c.getDeclaredField("cityId"), Types.STRING));
            fields.add(new PojoField(c.getDeclaredField("sensorId"), Types.STRING));
            fields.add(new PojoField(c.getDeclaredField("metric"), Types.STRING));
            fields.add(new PojoField(c.getDeclaredField("ts"), Types.INSTANT));
            fields.add(new PojoField(c.getDeclaredField("seq"), Types.LONG));
            fields.add(new PojoField(c.getDeclaredField("value"), Types.DOUBLE));
            return new PojoTypeInfo<>(c, fields).createSerializer(new SerializerConfigImpl());
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
