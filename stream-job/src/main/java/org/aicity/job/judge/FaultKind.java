package org.aicity.job.judge;

/** What a sensor-fault check found in one point of a series. */
public enum FaultKind {
    NONE,
    /** The value is outside the metric's physical range, or not a number. */
    IMPOSSIBLE,
    /** The same value, exactly, for many points in a row, where the series normally moves. */
    STUCK,
    /** No data for several minutes while the rest of the city kept reporting. */
    DROPOUT,
    /** One point far from what was expected, after a normal one. */
    SPIKE,
    /** A slowly growing offset that the sensor's peers do not share. */
    DRIFT
}
