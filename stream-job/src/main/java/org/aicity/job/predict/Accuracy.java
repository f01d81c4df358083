package org.aicity.job.predict;

import java.time.Duration;
import java.time.Instant;

/**
 * Running accuracy of one series at one horizon over one period (an hour of target time), kept as
 * sums so that periods, series and domains add up exactly (the API divides at the end). The
 * seasonal-naive comparison is over the subset of targets where that baseline existed, so the
 * model is always compared on equal terms.
 *
 * @param count                  scored forecasts
 * @param sumAbsError            Σ|actual − forecast|
 * @param sumSmape               Σ sMAPE (each in [0, 2])
 * @param within80               actuals inside the 80% interval
 * @param within95               actuals inside the 95% interval
 * @param sumAbsErrorPersistence Σ|actual − persistence| over the same {@code count} targets
 * @param seasonalCount          targets where the seasonal-naive baseline existed
 * @param sumAbsErrorOnSeasonal  Σ|actual − forecast| over those targets
 * @param sumAbsErrorSeasonal    Σ|actual − seasonal naive| over those targets
 */
public record Accuracy(Horizon horizon, Instant periodStart, long count, double sumAbsError, double sumSmape,
                       long within80, long within95, double sumAbsErrorPersistence, long seasonalCount,
                       double sumAbsErrorOnSeasonal, double sumAbsErrorSeasonal) {

    public static final Duration PERIOD = Duration.ofHours(1);

    public static Accuracy empty(Horizon horizon, Instant periodStart) {
        return new Accuracy(horizon, periodStart, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public static Instant periodOf(Instant target) {
        long p = PERIOD.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(target.toEpochMilli(), p) * p);
    }

    public Accuracy plus(ForecastOutcome o) {
        double err = o.absoluteError();
        boolean seasonal = !Double.isNaN(o.seasonalNaive());
        return new Accuracy(horizon, periodStart, count + 1, sumAbsError + err, sumSmape + o.symmetricPercentageError(),
            within80 + (o.within80() ? 1 : 0), within95 + (o.within95() ? 1 : 0),
            sumAbsErrorPersistence + Math.abs(o.actual() - o.persistence()), seasonalCount + (seasonal ? 1 : 0),
            sumAbsErrorOnSeasonal + (seasonal ? err : 0),
            sumAbsErrorSeasonal + (seasonal ? Math.abs(o.actual() - o.seasonalNaive()) : 0));
    }

    public Accuracy plus(Accuracy other) {
        return new Accuracy(horizon, periodStart, count + other.count, sumAbsError + other.sumAbsError,
            sumSmape + other.sumSmape, within80 + other.within80, within95 + other.within95,
            sumAbsErrorPersistence + other.sumAbsErrorPersistence, seasonalCount + other.seasonalCount,
            sumAbsErrorOnSeasonal + other.sumAbsErrorOnSeasonal, sumAbsErrorSeasonal + other.sumAbsErrorSeasonal);
    }

    public double mae() {
        return count == 0 ? Double.NaN : sumAbsError / count;
    }

    public double smape() {
        return count == 0 ? Double.NaN : sumSmape / count;
    }

    public double coverage80() {
        return count == 0 ? Double.NaN : (double) within80 / count;
    }

    public double coverage95() {
        return count == 0 ? Double.NaN : (double) within95 / count;
    }

    public double persistenceMae() {
        return count == 0 ? Double.NaN : sumAbsErrorPersistence / count;
    }

    /** The model's MAE over the targets where the seasonal-naive baseline existed. */
    public double maeOnSeasonal() {
        return seasonalCount == 0 ? Double.NaN : sumAbsErrorOnSeasonal / seasonalCount;
    }

    public double seasonalNaiveMae() {
        return seasonalCount == 0 ? Double.NaN : sumAbsErrorSeasonal / seasonalCount;
    }

    static double smape(double actual, double forecast) {
        double denominator = Math.abs(actual) + Math.abs(forecast);
        return denominator == 0 ? 0 : 2 * Math.abs(actual - forecast) / denominator;
    }
}
