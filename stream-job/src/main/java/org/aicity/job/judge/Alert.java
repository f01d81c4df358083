package org.aicity.job.judge;

import java.time.Instant;

/**
 * An alert as stored: written when it opens, when its severity rises and when it closes, always
 * under the same id, so the row is upserted.
 *
 * @param alertId   stable across replays: city, kind, subject and the first minute of evidence
 * @param subjectId the sensor (SENSOR_FAULT, ENERGY_PEAK) or district (TRAFFIC_INCIDENT, AIR_QUALITY)
 * @param since     the first minute of the evidence that opened it
 * @param raisedAt  when it opened: the end of the minute that decided it (event time)
 * @param closedAt  when it closed; null while open
 * @param evidence  one line per sensor that showed it, e.g. "songdo-trf-0003 occupancy +4.2σ"
 */
public record Alert(String cityId, String alertId, AlertKind kind, String subjectId, String districtId, Severity severity,
                    boolean open, Instant since, Instant raisedAt, Instant closedAt, double peakScore, String summary,
                    String[] evidence) {

    public static String idOf(String cityId, AlertKind kind, String subjectId, Instant since) {
        return cityId + ":" + kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + subjectId + ":" + since.getEpochSecond();
    }
}
