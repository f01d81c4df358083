package org.aicity.job.aggregate;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import java.time.Instant;

/**
 * Turns a window's {@link WindowStats} into a row, keyed by the series key "city/sensor/metric"
 * ({@link org.aicity.job.ingest.Measurement#seriesKey()}). A late firing emits the window's new
 * totals, which the sink upserts over the earlier row.
 */
public final class EmitMetricAggregate extends ProcessWindowFunction<WindowStats, MetricAggregate, String, TimeWindow> {
    @Override
    public void process(String seriesKey, Context ctx, Iterable<WindowStats> stats, Collector<MetricAggregate> out) {
        WindowStats s = stats.iterator().next();
        if (s.count() == 0) {
            return;
        }
        String[] k = seriesKey.split("/", 3);
        out.collect(new MetricAggregate(k[0], k[1], k[2], Instant.ofEpochMilli(ctx.window().getStart()), s.count(), s.mean(),
            s.min(), s.max(), s.last(), Instant.ofEpochMilli(s.lastTsMillis())));
    }
}
