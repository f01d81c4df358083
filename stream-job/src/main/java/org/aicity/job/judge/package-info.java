/**
 * Judge: anomaly scores in [0, 1] from the residual against the forecast and the sensor-fault
 * checks ({@link org.aicity.job.judge.FaultChecks}), and alerts with hysteresis
 * ({@link org.aicity.job.judge.AlertLifecycle}), one open per subject and kind. A district's
 * minute is judged as a whole ({@link org.aicity.job.judge.DistrictJudgement}) so that traffic and
 * environment evidence of one incident become one alert; the Korean particulate bands are rules.
 */
package org.aicity.job.judge;
