package org.aicity.job.predict;

import java.time.Instant;

/**
 * A forecast of one series at one horizon, with its prediction intervals and the baselines made
 * at the same moment from the same data.
 *
 * @param issuedAt      the start of the last observed step
 * @param target        the start of the step forecast
 * @param persistence   the baseline "the last observed value stays"
 * @param seasonalNaive the baseline "the value one day before the target"; NaN in the first day
 */
public record PointForecast(Horizon horizon, Instant issuedAt, Instant target, double value, double lower80,
                            double upper80, double lower95, double upper95, double persistence, double seasonalNaive) {
}
