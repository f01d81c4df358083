package org.aicity.job.predict;

import java.io.Serializable;

/**
 * The forecaster's tuning, per series cadence.
 *
 * @param stepMinutes     the spacing of the series: 1 for per-sensor aggregates, 15 for district KPIs
 * @param deviationAlpha  smoothing of the deviation from the seasonal profile (higher follows faster,
 *                        and passes more noise into short-horizon forecasts)
 * @param memoryDays      how many days of a slot the profile averages over once settled
 * @param quantileGain    step of the multiplicative interval-width tracker per scored forecast
 * @param warmUpSteps     one-step residuals seen before scores are trusted (z is NaN before)
 */
public record ModelParameters(int stepMinutes, double deviationAlpha, int memoryDays, double quantileGain,
                              int warmUpSteps) implements Serializable {

    public ModelParameters {
        if (stepMinutes != 1 && stepMinutes != 15) {
            throw new IllegalArgumentException("stepMinutes must be 1 or 15, was " + stepMinutes);
        }
        if (!(deviationAlpha > 0 && deviationAlpha <= 1)) {
            throw new IllegalArgumentException("deviationAlpha must be in (0, 1], was " + deviationAlpha);
        }
        if (memoryDays < 1 || quantileGain <= 0 || warmUpSteps < 1) {
            throw new IllegalArgumentException("memoryDays, quantileGain and warmUpSteps must be positive");
        }
        if (memoryDays > SeasonalProfile.maxMemoryDays(stepMinutes)) {
            throw new IllegalArgumentException("memoryDays must be at most " + SeasonalProfile.maxMemoryDays(stepMinutes)
                + " for a " + stepMinutes + "-minute series (a profile slot counts its visits in a byte), was " + memoryDays);
        }
    }

    /** For 1-minute sensor aggregates. */
    public static ModelParameters perMinute() {
        return new ModelParameters(1, 0.25, 14, 0.02, 30);
    }

    /** For 15-minute district KPIs. */
    public static ModelParameters perQuarterHour() {
        return new ModelParameters(15, 0.5, 14, 0.1, 8);
    }

    int stepsPerDay() {
        return 24 * 60 / stepMinutes;
    }

    int steps(Horizon h) {
        return h.minutes() / stepMinutes;
    }
}
