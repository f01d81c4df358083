package org.aicity.job.predict;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The online forecaster of one series: a seasonal profile by time of week
 * ({@link SeasonalProfile}) plus a smoothed deviation from it that decays with the horizon at a
 * rate learnt per horizon (a damped, seasonal exponential-smoothing model). It also keeps what its
 * baselines need (the last value, a day of history) and the forecasts waiting for their actuals,
 * so accuracy is scored against both baselines on the same targets.
 *
 * <p>The caller decides what the model learns from: a point judged anomalous is recorded (the
 * baselines see it, as they would) but neither moves the profile nor the deviation the judge
 * compares with, unless the series stays anomalous for {@link #MAX_IGNORED_MINUTES} (then it is a
 * new normal, not an event). Forecasts use a second deviation that also {@link #follow}s anomalous
 * points that are not faults: an incident or a weather shift is an anomaly to the judge, but a
 * forecast should expect it to go on.
 *
 * <p>Memory is bounded: about 11 KB for a 1-minute series, whatever its age. Not thread-safe;
 * one instance per key in Flink state. Call {@link #score} for a step before {@link #record}ing it:
 * the seasonal-naive value a forecast was published with is read back from the day of history,
 * where it stays until that step is recorded.
 */
public final class SeriesModel {

    static final int MAX_IGNORED_MINUTES = 180;
    /** Pending slots per horizon in state formats 1 to 3. */
    private static final int OLD_RING = 64;
    private static final int FORMAT_VERSION = 5;
    private static final int NO_TARGET = Integer.MIN_VALUE;
    private static final double Z80 = 1.2816;
    private static final double Z95 = 1.9600;
    private static final double PRIOR_DAMPING = 0.8;
    private static final int DAMPING_MIN_COUNT = 30;
    private static final double DAMPING_ALPHA = 0.01;
    private static final double WEIGHT_ALPHA = 0.01;
    private static final int INTERVAL_MIN_COUNT = 20;
    private static final Horizon[] HORIZONS = Horizon.values();

    private final ModelParameters params;
    private final ZoneId zone;
    private final long stepMillis;

    private SeasonalProfile profile;
    private long lastStep = Long.MIN_VALUE;
    private double lastValue = Double.NaN;
    private double level = Double.NaN;
    private double deviation = Double.NaN;
    private double forecastDeviation = Double.NaN;
    private int restoredFormat = FORMAT_VERSION;
    private double meanAbsResidual = Double.NaN;
    private long residualCount;
    private double magnitude = Double.NaN;
    private int anomalousRun;
    private final double[] sxy;
    private final double[] sxx;
    private final long[] scoredCount;
    private final double[] meanAbsError;
    private final double[] q80;
    private final double[] q95;
    private final double[] squaredErrorModel;
    private final double[] squaredErrorPersistence;
    /** The last day of actuals, for the seasonal-naive baseline; 3 bytes a value ({@link Float24Array}). */
    private final Float24Array history;
    // The forecasts waiting for their actuals: a ring per horizon, just long enough for the
    // forecasts issued before the first of them comes due (horizon steps + 1), laid end to end.
    // Targets are step numbers (minutes or quarter hours since 1970), which fit an int.
    private final int[] ringStart;
    private final int[] ringSize;
    private final int[] pendingTarget;
    private final float[] pendingValue;
    private final float[] pendingHalf80;
    private final float[] pendingHalf95;
    private final float[] pendingModel;
    // What the forecasts of every horizon issued at one step share (the last value and the
    // forecasts' deviation then), in one ring of issue steps as long as the longest horizon's: a
    // slot is only overwritten a whole ring of steps later, when every forecast issued with it has
    // come due. A forecast's seasonal-naive value is not kept: it is still in the day of history
    // when the forecast is scored.
    private final int issuedRing;
    private final float[] issuedPersistence;
    private final float[] issuedDeviation;
    private final Accuracy[] accuracy;

    public SeriesModel(ModelParameters params, ZoneId zone) {
        this.params = params;
        this.zone = zone;
        this.stepMillis = params.stepMinutes() * 60_000L;
        this.profile = new SeasonalProfile();
        this.sxy = new double[HORIZONS.length];
        this.sxx = new double[HORIZONS.length];
        this.scoredCount = new long[HORIZONS.length];
        this.meanAbsError = new double[HORIZONS.length];
        this.q80 = new double[HORIZONS.length];
        this.q95 = new double[HORIZONS.length];
        this.squaredErrorModel = new double[HORIZONS.length];
        this.squaredErrorPersistence = new double[HORIZONS.length];
        this.accuracy = new Accuracy[HORIZONS.length];
        this.ringStart = new int[HORIZONS.length];
        this.ringSize = new int[HORIZONS.length];
        this.history = new Float24Array(params.stepsPerDay());
        history.fill(Float.NaN);
        int slots = 0;
        int longest = 0;
        for (int h = 0; h < HORIZONS.length; h++) {
            ringStart[h] = slots;
            ringSize[h] = params.steps(HORIZONS[h]) + 1;
            slots += ringSize[h];
            longest = Math.max(longest, ringSize[h]);
        }
        pendingTarget = new int[slots];
        pendingValue = new float[slots];
        pendingHalf80 = new float[slots];
        pendingHalf95 = new float[slots];
        pendingModel = new float[slots];
        issuedRing = longest;
        issuedPersistence = new float[longest];
        issuedDeviation = new float[longest];
        Arrays.fill(pendingTarget, NO_TARGET);
        Arrays.fill(q80, Double.NaN);
        Arrays.fill(q95, Double.NaN);
        Arrays.fill(squaredErrorModel, Double.NaN);
        Arrays.fill(squaredErrorPersistence, Double.NaN);
    }

    private SeriesModel(SeriesModel from) {
        this.params = from.params;
        this.zone = from.zone;
        this.stepMillis = from.stepMillis;
        this.profile = from.profile.shareCopy();
        this.history = from.history.shareCopy();
        this.lastStep = from.lastStep;
        this.lastValue = from.lastValue;
        this.level = from.level;
        this.deviation = from.deviation;
        this.forecastDeviation = from.forecastDeviation;
        this.restoredFormat = from.restoredFormat;
        this.meanAbsResidual = from.meanAbsResidual;
        this.residualCount = from.residualCount;
        this.magnitude = from.magnitude;
        this.anomalousRun = from.anomalousRun;
        this.sxy = from.sxy.clone();
        this.sxx = from.sxx.clone();
        this.scoredCount = from.scoredCount.clone();
        this.meanAbsError = from.meanAbsError.clone();
        this.q80 = from.q80.clone();
        this.q95 = from.q95.clone();
        this.squaredErrorModel = from.squaredErrorModel.clone();
        this.squaredErrorPersistence = from.squaredErrorPersistence.clone();
        this.accuracy = from.accuracy.clone(); // Accuracy is immutable
        this.ringStart = from.ringStart; // never written after construction
        this.ringSize = from.ringSize;
        this.pendingTarget = from.pendingTarget.clone();
        this.pendingValue = from.pendingValue.clone();
        this.pendingHalf80 = from.pendingHalf80.clone();
        this.pendingHalf95 = from.pendingHalf95.clone();
        this.pendingModel = from.pendingModel.clone();
        this.issuedRing = from.issuedRing;
        this.issuedPersistence = from.issuedPersistence.clone();
        this.issuedDeviation = from.issuedDeviation.clone();
    }

    /**
     * An independent copy, equal to this model, for the heap state backend's copy-on-write (a
     * model that changes while a checkpoint is written is copied first). The day of history and
     * the week's profile, two thirds of the model, are shared in chunks (an hour of history, a day
     * of the week) until either model writes one; the rest is copied. A copied model that then
     * learns a point takes about 5 KB more of the heap instead of 11.
     */
    public SeriesModel copy() {
        return new SeriesModel(this);
    }

    /** What the model expected at {@code t} before seeing it: the one-step forecast and its spread. */
    /**
     * @param typical   the seasonal profile alone (no recent deviation), learnt on this day type; NaN while unknown
     * @param magnitude the series' typical absolute level; NaN before the first point
     */
    public record Expectation(double value, double sigma, boolean warm, double typical, double magnitude) {

        /** The standardised residual of an actual; NaN while the model is not warm. */
        public double z(double actual) {
            return warm && sigma > 0 ? (actual - value) / sigma : Double.NaN;
        }
    }

    /** What scoring the pending forecasts of a step gave. */
    public record Scored(List<ForecastOutcome> outcomes, List<Accuracy> completedPeriods) {
    }

    /** True when {@code t} is newer than everything observed so far; older points are ignored. */
    public boolean isNew(Instant t) {
        return step(t) > lastStep;
    }

    public Instant lastObserved() {
        return lastStep == Long.MIN_VALUE ? null : Instant.ofEpochMilli(lastStep * stepMillis);
    }

    public Expectation expect(Instant t) {
        int minuteOfWeek = SeasonalProfile.minuteOfWeek(t, zone);
        double s = profile.expected(minuteOfWeek, minWeekCount(), minDayCount(), true);
        double value;
        if (!Double.isNaN(s)) {
            value = Double.isNaN(deviation) ? s : s + deviation * gapDecay(step(t) - lastStep);
        } else {
            value = level;
        }
        double sigma = Double.isNaN(meanAbsResidual) ? Double.NaN : Math.max(1.25 * meanAbsResidual, sigmaFloor());
        double typical = Double.isNaN(s) ? s : profile.expected(minuteOfWeek, minWeekCount(), minDayCount(), false);
        return new Expectation(value, sigma, residualCount >= params.warmUpSteps() && !Double.isNaN(value), typical, magnitude);
    }

    /**
     * Decides whether a point is learnt from, counting anomalous points in a row: a flagged point
     * is skipped unless the series has been anomalous so long that it is the new normal.
     */
    public boolean admit(boolean flaggedAnomalous) {
        if (!flaggedAnomalous) {
            anomalousRun = 0;
            return true;
        }
        anomalousRun++;
        return anomalousRun * params.stepMinutes() > MAX_IGNORED_MINUTES;
    }

    /** Meets the forecasts that targeted {@code t} with their actual; updates interval widths and damping. */
    public Scored score(Instant t, double actual) {
        long target = step(t);
        List<ForecastOutcome> outcomes = new ArrayList<>(HORIZONS.length);
        List<Accuracy> completed = new ArrayList<>(1);
        double sNow = profile.expected(t, zone, minWeekCount(), minDayCount());
        for (int h = 0; h < HORIZONS.length; h++) {
            int i = slot(h, target);
            if (i < 0 || pendingTarget[i] != target) {
                continue;
            }
            pendingTarget[i] = NO_TARGET;
            int j = issuedSlot(target - params.steps(HORIZONS[h]));
            float persistence = issuedPersistence[j];
            double f = pendingValue[i];
            ForecastOutcome o = new ForecastOutcome(HORIZONS[h], t, actual, f, f - pendingHalf80[i], f + pendingHalf80[i],
                f - pendingHalf95[i], f + pendingHalf95[i], persistence, seasonalNaive(h, target));
            outcomes.add(o);
            learnInterval(h, o.absoluteError());
            learnWeights(h, actual - pendingModel[i], actual - persistence);
            if (!Double.isNaN(sNow) && !Float.isNaN(issuedDeviation[j])) {
                double e = issuedDeviation[j];
                sxy[h] += DAMPING_ALPHA * ((actual - sNow) * e - sxy[h]);
                sxx[h] += DAMPING_ALPHA * (e * e - sxx[h]);
            }
            Instant period = Accuracy.periodOf(t);
            if (accuracy[h] != null && !accuracy[h].periodStart().equals(period)) {
                completed.add(accuracy[h]);
                accuracy[h] = null;
            }
            accuracy[h] = (accuracy[h] == null ? Accuracy.empty(HORIZONS[h], period) : accuracy[h]).plus(o);
        }
        return new Scored(outcomes, completed);
    }

    /** The accuracy of the periods still open (to flush at a timer or at the end of input). */
    public List<Accuracy> openPeriods() {
        List<Accuracy> open = new ArrayList<>();
        for (Accuracy a : accuracy) {
            if (a != null) {
                open.add(a);
            }
        }
        return open;
    }

    /** Learns an observation (call {@link #expect} for the same step first, and only if {@link #admit}ted). */
    public void learn(Instant t, double actual, Expectation expected) {
        if (!Double.isNaN(expected.value())) {
            double r = Math.abs(actual - expected.value());
            if (residualCount < params.warmUpSteps() || Double.isNaN(meanAbsResidual)) {
                meanAbsResidual = Double.isNaN(meanAbsResidual) ? r : meanAbsResidual + (r - meanAbsResidual) / (residualCount + 1);
            } else {
                // Huber-like: one wild point moves the scale by a bounded amount
                double clipped = Math.min(r, 4 * meanAbsResidual + sigmaFloor());
                meanAbsResidual += 0.03 * (clipped - meanAbsResidual);
            }
            residualCount++;
        }
        double s = profile.expected(t, zone, minWeekCount(), minDayCount());
        double alpha = params.deviationAlpha();
        if (!Double.isNaN(s)) {
            double d = actual - s;
            double previous = Double.isNaN(deviation) ? d : deviation * gapDecay(step(t) - lastStep);
            deviation = previous + alpha * (d - previous);
            double followed = Double.isNaN(forecastDeviation) ? d : forecastDeviation * gapDecay(step(t) - lastStep);
            forecastDeviation = followed + alpha * (d - followed);
        } else {
            deviation = Double.NaN;
            forecastDeviation = Double.NaN;
        }
        level = Double.isNaN(level) ? actual : level + alpha * (actual - level);
        double m = Math.abs(actual);
        magnitude = Double.isNaN(magnitude) ? m : magnitude + (m - magnitude) / Math.min(residualCount + 1, params.stepsPerDay());
        profile.learn(t, zone, actual, params.stepMinutes(), params.memoryDays());
    }

    /**
     * Moves only the forecasts' deviation towards a point that was judged anomalous but is not a
     * fault (call instead of {@link #learn}, before {@link #record}).
     */
    public void follow(Instant t, double actual) {
        double s = profile.expected(t, zone, minWeekCount(), minDayCount());
        if (Double.isNaN(s)) {
            return;
        }
        double d = actual - s;
        double previous = Double.isNaN(forecastDeviation) ? d : forecastDeviation * gapDecay(step(t) - lastStep);
        forecastDeviation = previous + params.deviationAlpha() * (d - previous);
    }

    /** Records the actual of a step (always, learnt or not): the baselines' data. */
    public void record(Instant t, double actual) {
        long k = step(t);
        if (lastStep != Long.MIN_VALUE) {
            for (long missing = Math.max(lastStep + 1, k - history.length() + 1); missing < k; missing++) {
                history.set((int) Math.floorMod(missing, history.length()), Float.NaN);
            }
        }
        history.set((int) Math.floorMod(k, history.length()), (float) actual);
        lastStep = Math.max(lastStep, k);
        lastValue = actual;
    }

    /** The mean of the recorded actuals of the last {@code steps} steps up to the last one; NaN if none. */
    public double recentMean(int steps) {
        if (lastStep == Long.MIN_VALUE) {
            return Double.NaN;
        }
        double sum = 0;
        int n = 0;
        for (int k = 0; k < Math.min(steps, history.length()); k++) {
            float v = history.get((int) Math.floorMod(lastStep - k, history.length()));
            if (!Float.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Forecasts every horizon from the last recorded step and keeps them until their actuals come. */
    public List<PointForecast> forecast() {
        if (lastStep == Long.MIN_VALUE) {
            return List.of();
        }
        Instant issued = Instant.ofEpochMilli(lastStep * stepMillis);
        double sigma = Double.isNaN(meanAbsResidual) ? Double.NaN : Math.max(1.25 * meanAbsResidual, sigmaFloor());
        List<PointForecast> out = new ArrayList<>(HORIZONS.length);
        int issuedAt = issuedSlot(lastStep);
        issuedPersistence[issuedAt] = (float) lastValue;
        issuedDeviation[issuedAt] = (float) forecastDeviation;
        for (int h = 0; h < HORIZONS.length; h++) {
            int steps = params.steps(HORIZONS[h]);
            long target = lastStep + steps;
            Instant targetTime = Instant.ofEpochMilli(target * stepMillis);
            double s = profile.expected(targetTime, zone, minWeekCount(), minDayCount());
            double value;
            if (!Double.isNaN(s)) {
                value = Double.isNaN(forecastDeviation) ? s : s + damping(h) * forecastDeviation;
            } else {
                value = Double.isNaN(level) ? lastValue : level;
            }
            double model = value;
            if (!Double.isNaN(lastValue) && !Double.isNaN(value)) {
                double w = modelWeight(h);
                value = w * value + (1 - w) * lastValue;
            }
            double seasonal = seasonalNaive(h, target);
            double half80;
            double half95;
            if (scoredCount[h] >= INTERVAL_MIN_COUNT) {
                half80 = q80[h];
                half95 = q95[h];
            } else if (scoredCount[h] > 0) {
                half80 = 1.6 * meanAbsError[h];
                half95 = 2.45 * meanAbsError[h];
            } else {
                double spread = Double.isNaN(sigma) ? sigmaFloor() : sigma * Math.sqrt(1 + steps / 4.0);
                half80 = Z80 * spread;
                half95 = Z95 * spread;
            }
            half95 = Math.max(half95, half80);
            int i = slot(h, target);
            if (i >= 0) {
                pendingTarget[i] = (int) target;
                pendingValue[i] = (float) value;
                pendingHalf80[i] = (float) half80;
                pendingHalf95[i] = (float) half95;
                pendingModel[i] = (float) model;
            }
            out.add(new PointForecast(HORIZONS[h], issued, targetTime, value, value - half80, value + half80,
                value - half95, value + half95, lastValue, seasonal));
        }
        return out;
    }

    /**
     * The published forecast is a combination of the seasonal model and persistence, weighted by
     * the inverse of each one's recent squared error at this horizon (Bates and Granger): a smooth
     * series (temperature) leans on its last value at short horizons, a strongly seasonal one
     * (traffic) on its profile, and the weights move as the series changes.
     */
    double modelWeight(int h) {
        if (scoredCount[h] < DAMPING_MIN_COUNT || Double.isNaN(squaredErrorModel[h]) || Double.isNaN(squaredErrorPersistence[h])) {
            return 1;
        }
        double floor = sigmaFloor() * sigmaFloor();
        double inverseModel = 1 / Math.max(squaredErrorModel[h], floor);
        double inversePersistence = 1 / Math.max(squaredErrorPersistence[h], floor);
        return inverseModel / (inverseModel + inversePersistence);
    }

    private void learnWeights(int h, double modelError, double persistenceError) {
        if (Double.isNaN(modelError) || Double.isNaN(persistenceError)) {
            return;
        }
        double a = Math.max(WEIGHT_ALPHA, 1.0 / scoredCount[h]);
        double m = modelError * modelError;
        double p = persistenceError * persistenceError;
        squaredErrorModel[h] = Double.isNaN(squaredErrorModel[h]) ? m : squaredErrorModel[h] + a * (m - squaredErrorModel[h]);
        squaredErrorPersistence[h] = Double.isNaN(squaredErrorPersistence[h]) ? p
            : squaredErrorPersistence[h] + a * (p - squaredErrorPersistence[h]);
    }

    private void learnInterval(int h, double absError) {
        long n = ++scoredCount[h];
        meanAbsError[h] += (absError - meanAbsError[h]) / Math.min(n, 500);
        if (n == INTERVAL_MIN_COUNT) {
            q80[h] = 1.6 * meanAbsError[h];
            q95[h] = 2.45 * meanAbsError[h];
        } else if (n > INTERVAL_MIN_COUNT) {
            // Multiplicative quantile tracking: settles where P(|error| > q) = 1 - p, whatever the error distribution.
            double g = params.quantileGain();
            q80[h] = Math.max(q80[h] * Math.exp(g * ((absError > q80[h] ? 1 : 0) - 0.20)), sigmaFloor());
            q95[h] = Math.max(q95[h] * Math.exp(g * ((absError > q95[h] ? 1 : 0) - 0.05)), sigmaFloor());
        }
    }

    double damping(int h) {
        if (scoredCount[h] < DAMPING_MIN_COUNT || sxx[h] <= 0) {
            return Math.pow(PRIOR_DAMPING, HORIZONS[h].minutes() / 15.0);
        }
        return Math.max(0, Math.min(1, sxy[h] / sxx[h]));
    }

    private double gapDecay(long gapSteps) {
        if (gapSteps <= 1) {
            return 1;
        }
        return Math.pow(damping(0), gapSteps * params.stepMinutes() / 15.0);
    }

    /** Values are rounded and some series sit at exactly 0 for hours; a floor keeps z finite. */
    private double sigmaFloor() {
        return Double.isNaN(magnitude) ? 1e-6 : Math.max(1e-6, 0.01 * magnitude);
    }

    private int minWeekCount() {
        // two visits of a week-slot before it is trusted over the day-type profile
        return 2 * Math.max(1, SeasonalProfile.SLOT_MINUTES / params.stepMinutes());
    }

    private int minDayCount() {
        return Math.max(1, SeasonalProfile.SLOT_MINUTES / params.stepMinutes() / 2);
    }

    /**
     * The seasonal-naive forecast for {@code target} at horizon {@code h}: the actual a day before,
     * NaN if it was not recorded or the horizon is longer than the day kept. Until {@code target}
     * itself is recorded, the same when the forecast is issued and when it is scored.
     */
    private double seasonalNaive(int h, long target) {
        return params.steps(HORIZONS[h]) <= history.length() ? history.get((int) Math.floorMod(target, history.length())) : Double.NaN;
    }

    private int issuedSlot(long issueStep) {
        return (int) Math.floorMod(issueStep, (long) issuedRing);
    }

    /** Where a forecast for {@code target} waits at horizon {@code h}; -1 for a step beyond an int (not kept). */
    private int slot(int h, long target) {
        if (target <= NO_TARGET || target > Integer.MAX_VALUE) {
            return -1;
        }
        return ringStart[h] + (int) Math.floorMod(target, (long) ringSize[h]);
    }

    private long step(Instant t) {
        return Math.floorDiv(t.toEpochMilli(), stepMillis);
    }

    // ---- state format: written by the Flink serializer; bump FORMAT_VERSION on any change ----

    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(FORMAT_VERSION);
        out.writeInt(params.stepMinutes());
        profile.writeTo(out);
        out.writeLong(lastStep);
        out.writeDouble(lastValue);
        out.writeDouble(level);
        out.writeDouble(deviation);
        out.writeDouble(meanAbsResidual);
        out.writeLong(residualCount);
        out.writeDouble(magnitude);
        out.writeInt(anomalousRun);
        out.writeDouble(forecastDeviation);
        for (int h = 0; h < HORIZONS.length; h++) {
            out.writeDouble(sxy[h]);
            out.writeDouble(sxx[h]);
            out.writeLong(scoredCount[h]);
            out.writeDouble(meanAbsError[h]);
            out.writeDouble(q80[h]);
            out.writeDouble(q95[h]);
            out.writeDouble(squaredErrorModel[h]);
            out.writeDouble(squaredErrorPersistence[h]);
            Accuracy a = accuracy[h];
            out.writeBoolean(a != null);
            if (a != null) {
                out.writeLong(a.periodStart().toEpochMilli());
                out.writeLong(a.count());
                out.writeDouble(a.sumAbsError());
                out.writeDouble(a.sumSmape());
                out.writeLong(a.within80());
                out.writeLong(a.within95());
                out.writeDouble(a.sumAbsErrorPersistence());
                out.writeLong(a.seasonalCount());
                out.writeDouble(a.sumAbsErrorOnSeasonal());
                out.writeDouble(a.sumAbsErrorSeasonal());
            }
        }
        history.writeTo(out);
        writeInts(out, pendingTarget);
        writeFloats(out, pendingValue);
        writeFloats(out, pendingHalf80);
        writeFloats(out, pendingHalf95);
        writeFloats(out, pendingModel);
        writeFloats(out, issuedPersistence);
        writeFloats(out, issuedDeviation);
    }

    public static SeriesModel readFrom(DataInput in, ModelParameters params, ZoneId zone) throws IOException {
        int version = in.readInt();
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IOException("series model state has format " + version + "; this job reads 1 to " + FORMAT_VERSION);
        }
        int step = in.readInt();
        if (step != 1 && step != 15) {
            throw new IOException("series model state has step " + step + " min; this job reads 1 and 15");
        }
        // a serializer restored from a snapshot does not know the job's parameters: the step in the
        // data picks the defaults of that cadence
        ModelParameters actual = step == params.stepMinutes() ? params
            : step == 1 ? ModelParameters.perMinute() : ModelParameters.perQuarterHour();
        SeriesModel m = new SeriesModel(actual, zone);
        float[] week = new float[SeasonalProfile.WEEK_SLOTS];
        byte[] weekCount = new byte[SeasonalProfile.WEEK_SLOTS];
        float[] dayType = new float[2 * SeasonalProfile.SLOTS_PER_DAY];
        byte[] dayTypeCount = new byte[2 * SeasonalProfile.SLOTS_PER_DAY];
        readFloats(in, week);
        readCounts(in, weekCount, version);
        readFloats(in, dayType);
        readCounts(in, dayTypeCount, version);
        m.profile = new SeasonalProfile(week, weekCount, dayType, dayTypeCount);
        m.lastStep = in.readLong();
        m.lastValue = in.readDouble();
        m.level = in.readDouble();
        m.deviation = in.readDouble();
        m.meanAbsResidual = in.readDouble();
        m.residualCount = in.readLong();
        m.magnitude = in.readDouble();
        m.anomalousRun = in.readInt();
        m.forecastDeviation = version >= 2 ? in.readDouble() : m.deviation;
        m.restoredFormat = version;
        for (int h = 0; h < HORIZONS.length; h++) {
            m.sxy[h] = in.readDouble();
            m.sxx[h] = in.readDouble();
            m.scoredCount[h] = in.readLong();
            m.meanAbsError[h] = in.readDouble();
            m.q80[h] = in.readDouble();
            m.q95[h] = in.readDouble();
            if (version >= 2) {
                m.squaredErrorModel[h] = in.readDouble();
                m.squaredErrorPersistence[h] = in.readDouble();
            }
            if (in.readBoolean()) {
                m.accuracy[h] = new Accuracy(HORIZONS[h], Instant.ofEpochMilli(in.readLong()), in.readLong(), in.readDouble(),
                    in.readDouble(), in.readLong(), in.readLong(), in.readDouble(), in.readLong(), in.readDouble(),
                    in.readDouble());
            }
        }
        if (version >= 4) {
            m.history.readFrom(in);
        } else {
            float[] day = new float[m.history.length()];
            readFloats(in, day);
            for (int i = 0; i < day.length; i++) {
                m.history.set(i, day[i]);
            }
        }
        if (version >= 5) {
            readInts(in, m.pendingTarget);
            readFloats(in, m.pendingValue);
            readFloats(in, m.pendingHalf80);
            readFloats(in, m.pendingHalf95);
            readFloats(in, m.pendingModel);
            readFloats(in, m.issuedPersistence);
            readFloats(in, m.issuedDeviation);
        } else if (version == 4) {
            m.restoreFormat4Pending(in);
        } else {
            m.restoreOldPending(in, version);
        }
        return m;
    }

    private static void readCounts(DataInput in, byte[] counts, int version) throws IOException {
        if (version >= 5) {
            in.readFully(counts);
            return;
        }
        short[] old = new short[counts.length];
        readShorts(in, old);
        for (int i = 0; i < old.length; i++) {
            counts[i] = SeasonalProfile.saturated(old[i]);
        }
    }

    /** Format 4 kept every column per horizon slot: the shared ones move to the issue-step ring. */
    private void restoreFormat4Pending(DataInput in) throws IOException {
        int n = pendingTarget.length;
        int[] target = new int[n];
        readInts(in, target);
        float[][] columns = new float[7][n];
        for (float[] c : columns) {
            readFloats(in, c);
        }
        for (int h = 0; h < HORIZONS.length; h++) {
            for (int j = ringStart[h]; j < ringStart[h] + ringSize[h]; j++) {
                if (target[j] != NO_TARGET) {
                    restorePending(h, target[j], columns, j);
                }
            }
        }
    }

    /** Formats 1 to 3 kept 64 pending slots per horizon with long targets: moves the live ones into the rings. */
    private void restoreOldPending(DataInput in, int version) throws IOException {
        int n = HORIZONS.length * OLD_RING;
        long[] target = new long[n];
        readLongs(in, target);
        float[][] columns = new float[7][n];
        for (int c = 0; c < (version >= 2 ? 7 : 6); c++) {
            readFloats(in, columns[c]);
        }
        if (version < 2) {
            columns[6] = columns[0];
        }
        for (int h = 0; h < HORIZONS.length; h++) {
            for (int j = h * OLD_RING; j < (h + 1) * OLD_RING; j++) {
                if (target[j] != Long.MIN_VALUE) {
                    restorePending(h, target[j], columns, j);
                }
            }
        }
    }

    /**
     * Keeps an old format's forecast that is still to come due (its target after the last step;
     * no later step can meet an earlier one), in the columns value, persistence, seasonal, half80,
     * half95, deviation, model. Those are issued within the last ring of steps, so their issue slots differ.
     */
    private void restorePending(int h, long target, float[][] columns, int j) {
        int i = slot(h, target);
        if (i < 0 || target <= lastStep) {
            return;
        }
        pendingTarget[i] = (int) target;
        pendingValue[i] = columns[0][j];
        pendingHalf80[i] = columns[3][j];
        pendingHalf95[i] = columns[4][j];
        pendingModel[i] = columns[6][j];
        int issued = issuedSlot(target - params.steps(HORIZONS[h]));
        issuedPersistence[issued] = columns[1][j];
        issuedDeviation[issued] = columns[5][j];
    }

    // Arrays go out and come back in one call each, in DataOutput's big-endian layout (the same bytes
    // as element-by-element writeFloat): a checkpoint stream costs a virtual call per write, and the
    // heap backend snapshots and copies every model.

    static void writeFloats(DataOutput out, float[] a) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(a.length * Float.BYTES);
        b.asFloatBuffer().put(a);
        out.write(b.array());
    }

    static void writeShorts(DataOutput out, short[] a) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(a.length * Short.BYTES);
        b.asShortBuffer().put(a);
        out.write(b.array());
    }

    static void writeLongs(DataOutput out, long[] a) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(a.length * Long.BYTES);
        b.asLongBuffer().put(a);
        out.write(b.array());
    }

    static void writeInts(DataOutput out, int[] a) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(a.length * Integer.BYTES);
        b.asIntBuffer().put(a);
        out.write(b.array());
    }

    private static void readInts(DataInput in, int[] a) throws IOException {
        byte[] b = new byte[a.length * Integer.BYTES];
        in.readFully(b);
        ByteBuffer.wrap(b).asIntBuffer().get(a);
    }

    private static void readFloats(DataInput in, float[] a) throws IOException {
        byte[] b = new byte[a.length * Float.BYTES];
        in.readFully(b);
        ByteBuffer.wrap(b).asFloatBuffer().get(a);
    }

    private static void readShorts(DataInput in, short[] a) throws IOException {
        byte[] b = new byte[a.length * Short.BYTES];
        in.readFully(b);
        ByteBuffer.wrap(b).asShortBuffer().get(a);
    }

    private static void readLongs(DataInput in, long[] a) throws IOException {
        byte[] b = new byte[a.length * Long.BYTES];
        in.readFully(b);
        ByteBuffer.wrap(b).asLongBuffer().get(a);
    }

    /** The state format this model was restored from (the current one for a new model). */
    int restoredFormat() {
        return restoredFormat;
    }

    ModelParameters params() {
        return params;
    }

    Float24Array history() {
        return history;
    }

    SeasonalProfile profile() {
        return profile;
    }

    ZoneId zone() {
        return zone;
    }
}
