package org.aicity.job.judge;

import java.util.Optional;

/**
 * The Korean Ministry of Environment's particulate bands (µg/m³): PM10 good ≤ 30, moderate ≤ 80,
 * bad ≤ 150, very bad above; PM2.5 good ≤ 15, moderate ≤ 35, bad ≤ 75, very bad above. The
 * ministry defines them on 24-hour means; alerting on a 24-hour mean would lag a pollution
 * episode by most of a day, so the rule applies them to a running mean of configurable length
 * (1 hour by default) and says so in the alert.
 */
public enum AirQualityBand {
    GOOD, MODERATE, BAD, VERY_BAD;

    /** The band of a mean concentration, for the metrics that have bands (pm25, pm10). */
    public static Optional<AirQualityBand> of(String metric, double mean) {
        double[] upper = switch (metric) {
            case "pm10" -> new double[] {30, 80, 150};
            case "pm25" -> new double[] {15, 35, 75};
            default -> null;
        };
        if (upper == null || Double.isNaN(mean)) {
            return Optional.empty();
        }
        // bands are published on whole µg/m³: 30.4 is still "good" for PM10
        double v = Math.rint(mean);
        for (int i = 0; i < upper.length; i++) {
            if (v <= upper[i]) {
                return Optional.of(values()[i]);
            }
        }
        return Optional.of(VERY_BAD);
    }

    public static boolean hasBands(String metric) {
        return "pm10".equals(metric) || "pm25".equals(metric);
    }
}
