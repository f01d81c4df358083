package org.aicity.job.judge;

import org.aicity.model.MetricSpec;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The per-series sensor-fault checks that need only the series itself: physically impossible
 * values, a stuck value and an isolated spike. (A dropout needs a timer and is the operator's; a
 * drift needs the sensor's peers and is judged per district.) Mutable, one per series.
 *
 * <p>Stuck: {@link JudgeSettings#stuckPoints} identical values always are; fewer are when the
 * series rarely repeats a value (the learnt repeat rate makes that many repeats in a row less
 * likely than {@link #STUCK_CHANCE}), so a stuck sensor that normally moves is found in minutes.
 *
 * <p>Spike: far from the expectation in σ and also by at least {@link #SPIKE_MIN_JUMP} of the
 * series' typical level. A smooth series (temperature, PV at dawn) has a tiny σ, so σ alone
 * would call every change of weather a spike; a broken reading is off by its own size.
 *
 * <p>Peak: the highest value the series showed on points that passed the checks, decaying with a
 * half-life of {@link #PEAK_HALF_LIFE_POINTS} points (a week of minutes), so that it follows a
 * change of season. What a reading beyond it means is the judge's call.
 */
public final class FaultChecks {

    static final double STUCK_CHANCE = 1e-5;
    static final int STUCK_MIN_POINTS = 4;
    static final double SPIKE_MIN_JUMP = 1.5;
    static final double PEAK_HALF_LIFE_POINTS = 7 * 24 * 60;
    private static final double PEAK_DECAY = Math.pow(0.5, 1 / PEAK_HALF_LIFE_POINTS);
    private static final int REPEAT_RATE_MIN_POINTS = 120;
    private static final double SMALL_COUNT = 20;
    private static final double REPEAT_RATE_ALPHA = 0.005;
    private static final double REPEAT_RATE_FLOOR = 0.02;

    private double lastValue = Double.NaN;
    private int repeats;
    private boolean previousNormal = true;
    private double repeatRate = Double.NaN;
    private long points;
    private double peak = Double.NaN;

    /**
     * Checks one point.
     *
     * @param spec the metric's catalogue entry, or null when the metric is unknown (no range check)
     * @param z    the standardised residual against the model's expectation; NaN while it warms up
     * @param jump |value − expected| ÷ the series' typical level; NaN while unknown
     */
    public FaultKind check(double value, double z, double jump, MetricSpec spec, JudgeSettings settings) {
        if (Double.isNaN(value) || Double.isInfinite(value) || (spec != null && !spec.inRange(value))) {
            previousNormal = false;
            return FaultKind.IMPOSSIBLE;
        }
        boolean repeated = value == lastValue;
        if (!Double.isNaN(lastValue)) {
            repeatRate = Double.isNaN(repeatRate) ? (repeated ? 1 : 0) : repeatRate + REPEAT_RATE_ALPHA * ((repeated ? 1 : 0) - repeatRate);
            points++;
        }
        repeats = repeated ? repeats + 1 : 1;
        lastValue = value;
        // a series resting on its floor (PV at night, an empty road) legitimately repeats its minimum
        boolean atFloor = spec != null ? value == spec.min() : value == 0;
        if (!atFloor && (repeats >= settings.stuckPoints() || unlikelyRepeats())) {
            previousNormal = false;
            return FaultKind.STUCK;
        }
        boolean extreme = !Double.isNaN(z) && Math.abs(z) >= settings.spikeZ() && !(jump < SPIKE_MIN_JUMP);
        FaultKind kind = extreme && previousNormal ? FaultKind.SPIKE : FaultKind.NONE;
        previousNormal = Double.isNaN(z) || Math.abs(z) < settings.residualZ();
        if (kind == FaultKind.NONE && !extreme) {
            peak = Double.isNaN(peak) ? value : Math.max(value, peak * PEAK_DECAY);
        }
        return kind;
    }

    /** As {@link #check(double, double, double, MetricSpec, JudgeSettings)} with the jump unknown (σ alone decides). */
    public FaultKind check(double value, double z, MetricSpec spec, JudgeSettings settings) {
        return check(value, z, Double.NaN, spec, settings);
    }

    private boolean unlikelyRepeats() {
        if (points < REPEAT_RATE_MIN_POINTS || repeats < STUCK_MIN_POINTS) {
            return false;
        }
        // a small count (vehicles per period on a quiet road) repeats by nature, however rarely it did by day
        if (lastValue == Math.rint(lastValue) && Math.abs(lastValue) < SMALL_COUNT) {
            return false;
        }
        double p = Math.max(repeatRate, REPEAT_RATE_FLOOR);
        return Math.pow(p, repeats - 1) < STUCK_CHANCE;
    }

    /** The highest value lately shown by points that passed the checks (decaying); NaN before the first. */
    public double peak() {
        return peak;
    }

    /** How many identical values in a row ended with the last point. */
    public int repeats() {
        return repeats;
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeDouble(lastValue);
        out.writeInt(repeats);
        out.writeBoolean(previousNormal);
        out.writeDouble(repeatRate);
        out.writeLong(points);
        out.writeDouble(peak);
    }

    /** An independent copy in the same state. */
    public FaultChecks copy() {
        FaultChecks f = new FaultChecks();
        f.lastValue = lastValue;
        f.repeats = repeats;
        f.previousNormal = previousNormal;
        f.repeatRate = repeatRate;
        f.points = points;
        f.peak = peak;
        return f;
    }

    /** @param format the series state format the model was read with (1 had no repeat rate) */
    public static FaultChecks readFrom(DataInput in, int format) throws IOException {
        FaultChecks f = new FaultChecks();
        f.lastValue = in.readDouble();
        f.repeats = in.readInt();
        f.previousNormal = in.readBoolean();
        if (format >= 2) {
            f.repeatRate = in.readDouble();
            f.points = in.readLong();
        }
        if (format >= 3) {
            f.peak = in.readDouble();
        }
        return f;
    }
}
