package org.aicity.bench.jmh;

import org.aicity.job.aggregate.SensorMinute;
import org.aicity.job.aggregate.WindowStats;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Window aggregation: one 1-minute window of 12 readings (a sensor every 5 s), added one by one;
 * for one metric ({@link WindowStats}, as the district KPIs fold) and for a traffic sensor's three
 * metrics at once ({@link SensorMinute}, as the live job's windows fold every reading).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WindowStatsBenchmark {

    private final double[] values = {41, 39.5, 44, 47.25, 40, 38, 52, 49.5, 43, 45, 46.75, 42};

    @Benchmark
    public WindowStats oneMinuteOf12Readings() {
        WindowStats w = WindowStats.EMPTY;
        for (int i = 0; i < values.length; i++) {
            w = w.add(values[i], 1_000L * 5 * i, i);
        }
        return w;
    }

    @Benchmark
    public SensorMinute oneMinuteOf12ReadingsOf3Metrics() {
        SensorMinute w = new SensorMinute();
        for (int i = 0; i < values.length; i++) {
            long ts = 1_000L * 5 * i;
            w.add("averageVehicleSpeed", values[i], ts, i);
            w.add("intensity", i, ts, i);
            w.add("occupancy", values[i] / 100, ts, i);
        }
        return w;
    }
}
