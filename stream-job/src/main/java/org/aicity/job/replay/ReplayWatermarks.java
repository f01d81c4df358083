package org.aicity.job.replay;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

import java.time.Duration;

/**
 * Bounded out-of-orderness, emitted from the rows themselves rather than every 200 ms of
 * processing time. A replay runs minutes of event time per 200 ms, so periodic watermarks would
 * make whether a late row is on time depend on the machine's speed; these make a replay of the
 * same file give the same output. At most one watermark per second of event time.
 */
final class ReplayWatermarks implements WatermarkGenerator<ReplayRow> {

    private final long outOfOrderness;
    private long maxTimestamp = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;

    ReplayWatermarks(Duration outOfOrderness) {
        this.outOfOrderness = outOfOrderness.toMillis();
    }

    @Override
    public void onEvent(ReplayRow row, long timestamp, WatermarkOutput output) {
        if (timestamp <= maxTimestamp) {
            return;
        }
        maxTimestamp = timestamp;
        long w = maxTimestamp - outOfOrderness - 1;
        if (emitted == Long.MIN_VALUE || w >= emitted + 1000) {
            emitted = w;
            output.emitWatermark(new Watermark(w));
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        // all emitted in onEvent
    }
}
