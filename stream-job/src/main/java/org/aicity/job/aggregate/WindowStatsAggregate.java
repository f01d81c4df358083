package org.aicity.job.aggregate;

import org.aicity.job.ingest.Measurement;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Folds measurements into {@link WindowStats} incrementally, so a window keeps one small value. */
public final class WindowStatsAggregate implements AggregateFunction<Measurement, WindowStats, WindowStats> {
    @Override
    public WindowStats createAccumulator() {
        return WindowStats.EMPTY;
    }

    @Override
    public WindowStats add(Measurement m, WindowStats acc) {
        return acc.add(m.value(), m.ts().toEpochMilli(), m.seq());
    }

    @Override
    public WindowStats getResult(WindowStats acc) {
        return acc;
    }

    @Override
    public WindowStats merge(WindowStats a, WindowStats b) {
        return a.merge(b);
    }
}
