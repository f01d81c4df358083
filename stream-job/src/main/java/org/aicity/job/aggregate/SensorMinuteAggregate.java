package org.aicity.job.aggregate;

import org.aicity.job.ingest.Measurement;
import org.aicity.job.ingest.ValidReading;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Folds one sensor's input into a {@link SensorMinute} in place: whole readings in the live job
 * ({@link Readings}), single measurements in the replay of history ({@link Measurements}). Both give
 * the same statistics for the same values.
 */
public abstract class SensorMinuteAggregate<T> implements AggregateFunction<T, SensorMinute, SensorMinute> {

    @Override
    public final SensorMinute createAccumulator() {
        return new SensorMinute();
    }

    @Override
    public final SensorMinute getResult(SensorMinute acc) {
        return acc;
    }

    @Override
    public final SensorMinute merge(SensorMinute a, SensorMinute b) {
        a.merge(b);
        return a;
    }

    /** Every metric of a reading at once. */
    public static final class Readings extends SensorMinuteAggregate<ValidReading> {
        @Override
        public SensorMinute add(ValidReading r, SensorMinute acc) {
            long ts = r.ts().toEpochMilli();
            String[] metrics = r.metrics();
            double[] values = r.values();
            for (int i = 0; i < metrics.length; i++) {
                acc.add(metrics[i], values[i], ts, r.seq());
            }
            return acc;
        }
    }

    /** One metric at a time. */
    public static final class Measurements extends SensorMinuteAggregate<Measurement> {
        @Override
        public SensorMinute add(Measurement m, SensorMinute acc) {
            acc.add(m.metric(), m.value(), m.ts().toEpochMilli(), m.seq());
            return acc;
        }
    }
}
