package org.aicity.job.aggregate;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import java.time.Instant;

/**
 * Turns a sensor's window into one {@code aggregate_1m} row per metric it saw, keyed by the sensor
 * key "city/sensor". A late firing emits the window's new totals for every metric of the sensor,
 * which the sink upserts over the earlier rows.
 */
public final class EmitSensorAggregates extends ProcessWindowFunction<SensorMinute, MetricAggregate, String, TimeWindow> {
    @Override
    public void process(String sensorKey, Context ctx, Iterable<SensorMinute> windows, Collector<MetricAggregate> out) {
        SensorMinute w = windows.iterator().next();
        int slash = sensorKey.indexOf('/');
        String cityId = sensorKey.substring(0, slash);
        String sensorId = sensorKey.substring(slash + 1);
        Instant bucket = Instant.ofEpochMilli(ctx.window().getStart());
        for (int i = 0; i < w.size(); i++) {
            WindowStats s = w.stats(i);
            if (s.count() > 0) {
                out.collect(new MetricAggregate(cityId, sensorId, w.metric(i), bucket, s.count(), s.mean(), s.min(), s.max(),
                    s.last(), Instant.ofEpochMilli(s.lastTsMillis())));
            }
        }
    }
}
