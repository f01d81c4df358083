package org.aicity.bench.jmh;

import org.aicity.model.DecodeResult;
import org.aicity.model.Reading;
import org.aicity.model.ReadingCodec;
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

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Decode and validate: one traffic reading, and a gateway batch of 100. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeBenchmark {

    private static final String TOPIC = TrafficBatch.TOPIC;
    private final ReadingCodec codec = new ReadingCodec();
    private byte[] single;
    private byte[] batch;
    private Instant now;

    @Setup
    public void setup() {
        now = TrafficBatch.NOW;
        List<Reading> readings = TrafficBatch.readings();
        single = codec.encode(readings.get(0));
        batch = codec.encodeBatch(readings);
    }

    @Benchmark
    public DecodeResult singleReading() {
        return codec.decode(TOPIC, single, now);
    }

    @Benchmark
    public DecodeResult batchOf100() {
        return codec.decode(TOPIC, batch, now);
    }
}
