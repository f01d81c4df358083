package org.aicity.job;

import org.aicity.job.decide.DecisionRules;
import org.aicity.job.judge.JudgeSettings;
import org.aicity.model.CityDefinition;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the predict and judge stages run.
 *
 * @param cities               the cities whose sensors are forecast (their time zones, districts and domains);
 *                             a sensor of no listed city is forecast in UTC without a district
 * @param forecastEveryMinutes store forecasts every this many minutes of event time (1 stores every step)
 * @param storedScoreFrom      anomaly scores at or above this reach the anomaly-score sink (0 stores all)
 * @param decisions            the decision rules per city id; a city without rules gets no recommendations
 */
public record InsightSettings(List<CityDefinition> cities, JudgeSettings judge, int forecastEveryMinutes,
                              double storedScoreFrom, Map<String, DecisionRules> decisions) {

    public InsightSettings {
        cities = List.copyOf(cities);
        decisions = Map.copyOf(decisions);
        if (forecastEveryMinutes < 1 || forecastEveryMinutes > 60 || 60 % forecastEveryMinutes != 0) {
            throw new IllegalArgumentException("forecastEveryMinutes must divide 60, was " + forecastEveryMinutes);
        }
        if (storedScoreFrom < 0 || storedScoreFrom > 1) {
            throw new IllegalArgumentException("storedScoreFrom must be in [0, 1], was " + storedScoreFrom);
        }
    }

    /** Forecasts stored every 5 minutes, scores from 0.5 (an anomaly) up, each city's rules file (or the default rules). */
    public static InsightSettings defaults(Collection<CityDefinition> cities) {
        return new InsightSettings(List.copyOf(cities), JudgeSettings.defaults(), 5, 0.5, rulesOf(cities));
    }

    /** Each city's decision rules: {@code rules/<city>.json} on the classpath, or the defaults. */
    public static Map<String, DecisionRules> rulesOf(Collection<CityDefinition> cities) {
        return cities.stream().collect(Collectors.toMap(CityDefinition::id, DecisionRules::forCity));
    }
}
