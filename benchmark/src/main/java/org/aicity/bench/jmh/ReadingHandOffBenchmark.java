package org.aicity.bench.jmh;

import org.aicity.job.ingest.ReadingSensorKey;
import org.aicity.job.ingest.ValidReading;
import org.aicity.job.ingest.ValidReadingSerializer;
import org.aicity.model.DecodeResult;
import org.aicity.model.MetricValues;
import org.aicity.model.ReadingCodec;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.MathUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * What the decoding thread does with each valid reading of a gateway batch after decoding it: find
 * its sensor's key for the 1-minute windows (which hash it to a key group, as Flink does on every
 * element) and serialize it for the readings sink's task. The 100 readings come from decoding one
 * message, so they share their city, sensor and metric name strings, as in the job. Per operation:
 * one batch of 100 readings.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReadingHandOffBenchmark {

    private static final int MAX_PARALLELISM = 128;

    private final ReadingSensorKey selector = new ReadingSensorKey();
    private final ValidReadingSerializer serializer = new ValidReadingSerializer();
    private final DataOutputSerializer out = new DataOutputSerializer(64 << 10);
    private ValidReading[] batch;

    @Setup
    public void setup() {
        ReadingCodec codec = new ReadingCodec();
        DecodeResult decoded = codec.decode(TrafficBatch.TOPIC, codec.encodeBatch(TrafficBatch.readings()), TrafficBatch.NOW);
        String city = new String("songdo"); // one instance per message, as the topic's parts are
        batch = decoded.readings().stream()
            .map(r -> {
                MetricValues v = (MetricValues) r.metrics();
                return new ValidReading(city, r.sensorId(), r.ts(), r.seq(), v.nameArray(), v.valueArray());
            })
            .toArray(ValidReading[]::new);
    }

    /** The key built for each reading, as {@code ValidReading::sensorKey} does. */
    @Benchmark
    public int keysBuiltPerReading() {
        int sum = 0;
        for (ValidReading r : batch) {
            sum += keyGroup(r.sensorKey());
        }
        return sum;
    }

    /** The key from {@link ReadingSensorKey}, built once for the readings of one message. */
    @Benchmark
    public int keysFromSelector() throws Exception {
        int sum = 0;
        for (ValidReading r : batch) {
            sum += keyGroup(selector.getKey(r));
        }
        return sum;
    }

    /** As Flink's {@code KeyGroupRangeAssignment} assigns a key to a key group. */
    private static int keyGroup(String key) {
        return MathUtils.murmurHash(key.hashCode()) % MAX_PARALLELISM;
    }

    @Benchmark
    public int serialize() throws IOException {
        out.clear();
        for (ValidReading r : batch) {
            serializer.serialize(r, out);
        }
        return out.length();
    }
}
