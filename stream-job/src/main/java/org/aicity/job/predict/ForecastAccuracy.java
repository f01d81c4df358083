package org.aicity.job.predict;

import java.time.Instant;

/**
 * A row of {@code forecast_accuracy}: the sums of {@link Accuracy} for one series, horizon and
 * hour of target time, with the domain so accuracy can be summed per domain.
 */
public record ForecastAccuracy(String cityId, String seriesId, String domain, String metric, int horizonMinutes,
                               Instant periodStart, long count, double sumAbsError, double sumSmape, long within80,
                               long within95, double sumAbsErrorPersistence, long seasonalCount,
                               double sumAbsErrorOnSeasonal, double sumAbsErrorSeasonal) {

    static ForecastAccuracy of(SeriesPoint p, Accuracy a) {
        return new ForecastAccuracy(p.cityId(), p.seriesId(), p.domain(), p.metric(), a.horizon().minutes(), a.periodStart(),
            a.count(), a.sumAbsError(), a.sumSmape(), a.within80(), a.within95(), a.sumAbsErrorPersistence(),
            a.seasonalCount(), a.sumAbsErrorOnSeasonal(), a.sumAbsErrorSeasonal());
    }
}
