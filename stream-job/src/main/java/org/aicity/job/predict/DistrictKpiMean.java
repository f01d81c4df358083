package org.aicity.job.predict;

import org.aicity.job.aggregate.WindowStats;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import java.time.Instant;

/**
 * A district KPI: the mean over a window of the 1-minute means of every sensor of one district,
 * domain and metric (e.g. mean occupancy of songdo-1's roads over 15 minutes).
 */
public final class DistrictKpiMean {

    private DistrictKpiMean() {
    }

    /** The key of a KPI series: city/district/domain/metric. */
    public static String key(SeriesPoint p) {
        return p.cityId() + "/" + p.districtId() + "/" + p.domain() + "/" + p.metric();
    }

    /** Folds sensor steps into count and sum. */
    public static final class Fold implements AggregateFunction<SeriesPoint, WindowStats, WindowStats> {
        @Override
        public WindowStats createAccumulator() {
            return WindowStats.EMPTY;
        }

        @Override
        public WindowStats add(SeriesPoint p, WindowStats acc) {
            return acc.add(p.value(), p.bucket().toEpochMilli(), 0);
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

    /** Emits the window's mean as a step of the district series. */
    public static final class Emit extends ProcessWindowFunction<WindowStats, SeriesPoint, String, TimeWindow> {
        @Override
        public void process(String key, Context ctx, Iterable<WindowStats> stats, Collector<SeriesPoint> out) {
            WindowStats s = stats.iterator().next();
            if (s.count() == 0) {
                return;
            }
            String[] k = key.split("/", 4);
            out.collect(new SeriesPoint(k[0], SeriesPoint.districtSeries(k[1], k[2]), "", k[1], k[2], k[3],
                Instant.ofEpochMilli(ctx.window().getStart()), s.mean()));
        }
    }
}
