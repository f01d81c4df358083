package org.aicity.job;

import org.aicity.job.judge.JudgeSettings;
import org.aicity.model.CityDefinition;

import java.util.Collection;
import java.util.List;

/**
 * How the predict and judge stages run.
 *
 * @param cities               the cities whose sensors are forecast (their time zones, districts and domains);
 *                             a sensor of no listed city is forecast in UTC without a district
 * @param forecastEveryMinutes store forecasts every this many minutes of event time (1 stores every step)
 * @param storedScoreFrom      anomaly scores at or above this reach the anomaly-score sink (0 stores all)
 */
public record InsightSettings(List<CityDefinition> cities, JudgeSettings judge, int forecastEveryMinutes,
                              double storedScoreFrom) {

    public InsightSettings {
        cities = List.copyOf(cities);
        if (forecastEveryMinutes < 1 || forecastEveryMinutes > 60 || 60 % forecastEveryMinutes != 0) {
            throw new IllegalArgumentException("forecastEveryMinutes must divide 60, was " + forecastEveryMinutes);
        }
        if (storedScoreFrom < 0 || storedScoreFrom > 1) {
            throw new IllegalArgumentException("storedScoreFrom must be in [0, 1], was " + storedScoreFrom);
        }
    }

    /** Forecasts stored every 5 minutes, scores from 0.5 (an anomaly) up. */
    public static InsightSettings defaults(Collection<CityDefinition> cities) {
        return new InsightSettings(List.copyOf(cities), JudgeSettings.defaults(), 5, 0.5);
    }
}
