package org.aicity.job.predict;

import java.time.Instant;

/**
 * One step of a series to forecast: a sensor metric's 1-minute aggregate, or a district KPI.
 *
 * @param seriesId   the sensor id, or {@code district:<district>:<domain>} for a district KPI
 * @param sensorId   the sensor, or "" for a district KPI
 * @param districtId the district, or "" when the sensor has none
 * @param domain     the domain wire name
 */
public record SeriesPoint(String cityId, String seriesId, String sensorId, String districtId, String domain, String metric,
                          Instant bucket, double value) {

    public String key() {
        return cityId + "/" + seriesId + "/" + metric;
    }

    public static String districtSeries(String districtId, String domain) {
        return "district:" + districtId + ":" + domain;
    }
}
