package org.aicity.job.ingest;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** One {@link Measurement} per metric of a reading. */
public final class ExplodeReadings implements FlatMapFunction<ValidReading, Measurement> {
    @Override
    public void flatMap(ValidReading r, Collector<Measurement> out) {
        for (int i = 0; i < r.metrics().length; i++) {
            out.collect(new Measurement(r.cityId(), r.sensorId(), r.metrics()[i], r.ts(), r.seq(), r.values()[i]));
        }
    }
}
