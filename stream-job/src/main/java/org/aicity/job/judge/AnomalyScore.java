package org.aicity.job.judge;

import java.time.Instant;

/**
 * The judgement of one point of a sensor series (a 1-minute aggregate): how far it was from what
 * the forecaster expected, which fault check it failed, and an anomaly score in [0, 1] combining
 * both.
 *
 * @param districtId the sensor's district, or "" when it has none
 * @param domain     the sensor's domain wire name (traffic, energy, environment)
 * @param expected   the one-step forecast; NaN while the series warms up
 * @param z          the standardised residual; NaN while the series warms up
 * @param fault      the failed fault check, or NONE
 * @param bandMean   for pm25/pm10, the running mean the air-quality bands apply to; NaN otherwise
 * @param typical    the seasonal profile alone at this minute (what the drift check compares peers on); NaN while unknown
 * @param magnitude  the series' typical absolute level; NaN while unknown
 * @param peak       the highest value the series showed lately before this point (see {@link FaultChecks#peak()}); NaN while unknown
 */
public record AnomalyScore(String cityId, String sensorId, String districtId, String domain, String metric, Instant bucket,
                           double value, double expected, double z, double score, FaultKind fault, double bandMean,
                           double typical, double magnitude, double peak) {

    /** A score with the series' peak unknown. */
    public AnomalyScore(String cityId, String sensorId, String districtId, String domain, String metric, Instant bucket,
                        double value, double expected, double z, double score, FaultKind fault, double bandMean,
                        double typical, double magnitude) {
        this(cityId, sensorId, districtId, domain, metric, bucket, value, expected, z, score, fault, bandMean, typical,
            magnitude, Double.NaN);
    }

    /** This score judged a fault of another kind, with score 1. */
    public AnomalyScore withFault(FaultKind kind) {
        return new AnomalyScore(cityId, sensorId, districtId, domain, metric, bucket, value, expected, z, 1, kind, bandMean,
            typical, magnitude, peak);
    }


    public String seriesKey() {
        return cityId + "/" + sensorId + "/" + metric;
    }

    public String districtKey() {
        return cityId + "/" + districtId;
    }
}
