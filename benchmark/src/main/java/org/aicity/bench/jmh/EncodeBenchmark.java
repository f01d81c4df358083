package org.aicity.bench.jmh;

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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Encoding a gateway batch of 100 readings, as the simulator does for every message it publishes:
 * timestamps to the microsecond, each a little after the one before, and values at the resolution
 * the simulator rounds them to.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EncodeBenchmark {

    private final ReadingCodec codec = new ReadingCodec();
    private final List<List<Reading>> batches = new ArrayList<>();
    private int next;

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(42);
        Instant start = Instant.parse("2026-11-21T08:16:00Z");
        long nanos = 0;
        for (int b = 0; b < 64; b++) {
            List<Reading> batch = new ArrayList<>(100);
            for (int i = 0; i < 100; i++) {
                nanos += 6_666_667; // 300 sensors' readings spread over 2 s
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("intensity", (double) (20 + r.nextInt(60)));
                m.put("averageVehicleSpeed", Math.rint(r.nextDouble(20, 80) * 10) / 10);
                m.put("occupancy", Math.rint(r.nextDouble() * 1000) / 1000);
                batch.add(new Reading("songdo-trf-" + (1000 + i), start.plusNanos(nanos).truncatedTo(ChronoUnit.MICROS),
                    18_000 + b, m));
            }
            batches.add(batch);
        }
    }

    @Benchmark
    public byte[] batchOf100() {
        next = (next + 1) & 63;
        return codec.encodeBatch(batches.get(next));
    }
}
