package org.aicity.job.predict;

import java.time.Instant;

/** A row of {@code forecast}: one series, one horizon, one target time. */
public record Forecast(String cityId, String seriesId, String metric, int horizonMinutes, Instant issuedAt, Instant target,
                       double value, double lower80, double upper80, double lower95, double upper95, double persistence,
                       double seasonalNaive) {

    static Forecast of(SeriesPoint p, PointForecast f) {
        return new Forecast(p.cityId(), p.seriesId(), p.metric(), f.horizon().minutes(), f.issuedAt(), f.target(), f.value(),
            f.lower80(), f.upper80(), f.lower95(), f.upper95(), f.persistence(), f.seasonalNaive());
    }
}
