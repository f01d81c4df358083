package org.aicity.job.predict;

import org.aicity.job.judge.FaultChecks;

/** What the forecast operator keeps per series: the model and the fault checks' memory. */
record SeriesState(SeriesModel model, FaultChecks faults, SeriesPoint last) {
}
