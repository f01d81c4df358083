package org.aicity.job.predict;

import java.time.Instant;

/**
 * A forecast met by its actual.
 *
 * @param seasonalNaive NaN when the baseline had no value a day before the target
 */
public record ForecastOutcome(Horizon horizon, Instant target, double actual, double forecast, double lower80,
                              double upper80, double lower95, double upper95, double persistence, double seasonalNaive) {

    public double absoluteError() {
        return Math.abs(actual - forecast);
    }

    /** Symmetric absolute percentage error in [0, 2]; 0 when both are 0. */
    public double symmetricPercentageError() {
        return Accuracy.smape(actual, forecast);
    }

    public boolean within80() {
        return actual >= lower80 && actual <= upper80;
    }

    public boolean within95() {
        return actual >= lower95 && actual <= upper95;
    }
}
