package org.aicity.job.replay;

import org.aicity.job.judge.AnomalyScore;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Per series ({@code city/sensor/metric}): gives every input row the anomaly score of its minute.
 * A row waits until its minute's score arrives; a score is kept for {@code keep} of event time
 * for rows that come late. A row still waiting {@code keep} after its minute never gets one (its
 * window had closed, or the model had moved past it) and is emitted UNSCORED.
 *
 * <p>A row that comes {@code keep} or more behind its own series (by the rows' event time, less the
 * out-of-orderness) is UNSCORED at once: its window was closed when it arrived, so a score still held
 * for its minute is not its own. Deciding that from the operator's watermark instead would depend on
 * how far the scores' input, several operators downstream, had got at that moment.
 */
final class ScorePerRow extends KeyedCoProcessFunction<String, ReplayRow, AnomalyScore, RowScore> {

    static final String UNSCORED = "UNSCORED";

    private final long keepMillis;
    private final long outOfOrdernessMillis;

    private transient MapState<Long, ReplayRow> waiting;
    private transient MapState<Long, AnomalyScore> scores;
    private transient ValueState<Long> newestRowMillis;

    ScorePerRow(Duration keep, Duration outOfOrderness) {
        this.keepMillis = keep.toMillis();
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
    }

    @Override
    public void open(OpenContext ctx) {
        waiting = getRuntimeContext().getMapState(new MapStateDescriptor<>("waiting-rows", Types.LONG,
            TypeInformation.of(ReplayRow.class)));
        scores = getRuntimeContext().getMapState(new MapStateDescriptor<>("minute-scores", Types.LONG,
            TypeInformation.of(AnomalyScore.class)));
        newestRowMillis = getRuntimeContext().getState(new ValueStateDescriptor<>("newest-row", Types.LONG));
    }

    @Override
    public void processElement1(ReplayRow r, Context ctx, Collector<RowScore> out) throws Exception {
        long ts = r.measurement().ts().toEpochMilli();
        Long newest = newestRowMillis.value();
        if (newest == null || ts > newest) {
            newestRowMillis.update(ts);
        } else if (r.bucket() + keepMillis <= newest - outOfOrdernessMillis) {
            out.collect(unscored(r));
            return;
        }
        AnomalyScore s = scores.get(r.bucket());
        if (s != null) {
            out.collect(scored(r, s));
            return;
        }
        // a key is one sensor and metric, and a line holds one reading per metric: the line number is unique here
        waiting.put(r.row(), r);
        ctx.timerService().registerEventTimeTimer(Math.max(r.bucket() + keepMillis, ctx.timerService().currentWatermark() + 1));
    }

    @Override
    public void processElement2(AnomalyScore s, Context ctx, Collector<RowScore> out) throws Exception {
        if (Double.isNaN(s.value())) {
            return; // a dropout: a minute without rows
        }
        long bucket = s.bucket().toEpochMilli();
        scores.put(bucket, s);
        List<Long> done = new ArrayList<>();
        for (Map.Entry<Long, ReplayRow> e : waiting.entries()) {
            if (e.getValue().bucket() == bucket) {
                out.collect(scored(e.getValue(), s));
                done.add(e.getKey());
            }
        }
        for (Long row : done) {
            waiting.remove(row);
        }
        ctx.timerService().registerEventTimeTimer(bucket + keepMillis);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RowScore> out) throws Exception {
        for (Iterator<Map.Entry<Long, AnomalyScore>> it = scores.iterator(); it.hasNext(); ) {
            if (it.next().getKey() + keepMillis <= timestamp) {
                it.remove();
            }
        }
        for (Iterator<Map.Entry<Long, ReplayRow>> it = waiting.iterator(); it.hasNext(); ) {
            ReplayRow r = it.next().getValue();
            if (r.bucket() + keepMillis <= timestamp) {
                out.collect(unscored(r));
                it.remove();
            }
        }
    }

    private static RowScore unscored(ReplayRow r) {
        return new RowScore(r.row(), r.measurement().ts(), r.measurement().sensorId(), r.measurement().metric(),
            r.measurement().value(), Instant.ofEpochMilli(r.bucket()), Double.NaN, Double.NaN, Double.NaN, UNSCORED);
    }

    private static RowScore scored(ReplayRow r, AnomalyScore s) {
        return new RowScore(r.row(), r.measurement().ts(), r.measurement().sensorId(), r.measurement().metric(),
            r.measurement().value(), s.bucket(), s.expected(), s.z(), s.score(), s.fault().name());
    }
}
