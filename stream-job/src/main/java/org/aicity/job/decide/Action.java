package org.aicity.job.decide;

/** What a recommendation asks the operations centre to do. */
public enum Action {
    /** Give the congested direction more green time at the corridor's signals. */
    EXTEND_GREEN_TIME,
    /** Discharge the district's storage into the coming peak. */
    DISCHARGE_STORAGE,
    /** Ask flexible consumers (cooling, charging) to move load out of the coming peak. */
    SHIFT_LOAD,
    /** Tell residents, sensitive groups first, to limit outdoor activity. */
    AIR_QUALITY_ADVISORY
}
