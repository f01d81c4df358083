package org.aicity.job.judge;

/** What an alert is about; one open alert per subject (sensor or district) and kind. */
public enum AlertKind {
    TRAFFIC_INCIDENT, SENSOR_FAULT, AIR_QUALITY, ENERGY_PEAK
}
