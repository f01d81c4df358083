package org.aicity.bench.jmh;

import org.aicity.job.predict.ModelParameters;
import org.aicity.job.predict.SeriesModel;
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

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;

/**
 * The forecaster's work for one new 1-minute point of a series that has learnt two weeks: its
 * expectation, scoring the forecasts that targeted it, learning, and forecasting every horizon.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ForecasterBenchmark {

    private SeriesModel model;
    private Instant t;

    @Setup
    public void setup() {
        model = new SeriesModel(ModelParameters.perMinute(), ZoneId.of("Asia/Seoul"));
        t = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 0; i < 14 * 24 * 60; i++) {
            step();
        }
    }

    private double value(Instant at) {
        double hour = (at.getEpochSecond() % 86_400) / 3_600.0;
        return 40 + 25 * Math.sin(hour / 24 * 2 * Math.PI) + (at.getEpochSecond() / 60 % 7);
    }

    private Object step() {
        double y = value(t);
        SeriesModel.Expectation e = model.expect(t);
        model.score(t, y);
        model.learn(t, y, e);
        Object f = model.forecast();
        t = t.plus(Duration.ofMinutes(1));
        return f;
    }

    @Benchmark
    public Object onePoint() {
        return step();
    }
}
