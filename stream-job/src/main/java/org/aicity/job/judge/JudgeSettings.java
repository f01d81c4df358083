package org.aicity.job.judge;

import java.io.Serializable;
import java.time.Duration;

/**
 * Thresholds of the anomaly scores, fault checks and alert lifecycle; defaults in
 * {@link #defaults()}, overridable per city in its rules file.
 *
 * @param residualZ        |z| from which a residual counts as anomalous (score 0 below)
 * @param saturationZ      |z| at which the residual score reaches 1
 * @param spikeZ           |z| of an isolated point that makes it a SPIKE fault
 * @param stuckPoints      identical values in a row that make a STUCK fault
 * @param dropoutAfter     silence of a series, in event time, that makes a DROPOUT fault
 * @param incidentZ        |z| from which occupancy up, speed down or intensity down is incident evidence
 * @param corroborationZ   z from which NO2 or noise up in the same district corroborates an incident
 * @param energyPeakZ      z from which active power up is evidence of an energy peak
 * @param airQualityWindow the running mean the particulate bands apply to
 * @param policy           the hysteresis of every alert
 */
public record JudgeSettings(double residualZ, double saturationZ, double spikeZ, int stuckPoints, Duration dropoutAfter,
                            double incidentZ, double corroborationZ, double energyPeakZ, Duration airQualityWindow,
                            AlertPolicy policy) implements Serializable {

    public JudgeSettings {
        if (!(residualZ > 0 && saturationZ > residualZ && spikeZ >= residualZ)) {
            throw new IllegalArgumentException("need 0 < residualZ < saturationZ and spikeZ >= residualZ");
        }
        if (stuckPoints < 2 || dropoutAfter.isNegative() || dropoutAfter.isZero()) {
            throw new IllegalArgumentException("stuckPoints must be at least 2 and dropoutAfter positive");
        }
        if (airQualityWindow.toMinutes() < 1 || airQualityWindow.toMinutes() > 24 * 60) {
            throw new IllegalArgumentException("airQualityWindow must be between 1 minute and 24 hours");
        }
    }

    public static JudgeSettings defaults() {
        return new JudgeSettings(3, 6, 7, 10, Duration.ofMinutes(4), 2.5, 2, 4, Duration.ofHours(1),
            AlertPolicy.defaults());
    }

    /** The anomaly score of a residual, in [0, 1]: 0 up to residualZ, 1 from saturationZ. */
    public double residualScore(double z) {
        if (Double.isNaN(z)) {
            return 0;
        }
        return clamp((Math.abs(z) - residualZ) / (saturationZ - residualZ));
    }

    static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
