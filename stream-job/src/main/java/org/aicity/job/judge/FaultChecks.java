package org.aicity.job.judge;

import org.aicity.model.MetricSpec;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The per-series sensor-fault checks that need only the series itself: physically impossible
 * values, a stuck value and an isolated spike. (A dropout needs a timer and is the operator's; a
 * drift needs the sensor's peers and is judged per district.) Mutable, one per series.
 */
public final class FaultChecks {

    private double lastValue = Double.NaN;
    private int repeats;
    private boolean previousNormal = true;

    /**
     * Checks one point.
     *
     * @param spec the metric's catalogue entry, or null when the metric is unknown (no range check)
     * @param z    the standardised residual against the model's expectation; NaN while it warms up
     */
    public FaultKind check(double value, double z, MetricSpec spec, JudgeSettings settings) {
        if (Double.isNaN(value) || Double.isInfinite(value) || (spec != null && !spec.inRange(value))) {
            previousNormal = false;
            return FaultKind.IMPOSSIBLE;
        }
        repeats = value == lastValue ? repeats + 1 : 1;
        lastValue = value;
        // a series resting on its floor (PV at night, an empty road) legitimately repeats its minimum
        boolean atFloor = spec != null ? value == spec.min() : value == 0;
        if (repeats >= settings.stuckPoints() && !atFloor) {
            previousNormal = false;
            return FaultKind.STUCK;
        }
        boolean extreme = !Double.isNaN(z) && Math.abs(z) >= settings.spikeZ();
        FaultKind kind = extreme && previousNormal ? FaultKind.SPIKE : FaultKind.NONE;
        previousNormal = Double.isNaN(z) || Math.abs(z) < settings.residualZ();
        return kind;
    }

    /** How many identical values in a row ended with the last point. */
    public int repeats() {
        return repeats;
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeDouble(lastValue);
        out.writeInt(repeats);
        out.writeBoolean(previousNormal);
    }

    public static FaultChecks readFrom(DataInput in) throws IOException {
        FaultChecks f = new FaultChecks();
        f.lastValue = in.readDouble();
        f.repeats = in.readInt();
        f.previousNormal = in.readBoolean();
        return f;
    }
}
