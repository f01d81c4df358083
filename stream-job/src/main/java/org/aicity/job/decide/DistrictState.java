package org.aicity.job.decide;

import org.aicity.job.judge.Alert;
import org.aicity.job.predict.Forecast;

import java.time.Instant;
import java.util.List;

/**
 * What the rules see of one district at one moment.
 *
 * @param forecasts the latest forecast of each of the district's KPI series, metric and horizon
 * @param openAlerts the district's open alerts
 */
public record DistrictState(String cityId, String districtId, Instant now, List<Forecast> forecasts, List<Alert> openAlerts) {

    public DistrictState {
        forecasts = List.copyOf(forecasts);
        openAlerts = List.copyOf(openAlerts);
    }
}
