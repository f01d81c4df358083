/**
 * Scores a replay against the simulator's ground truth: which injected incidents and sensor
 * faults raised an alert of the right kind, for the right subject, in time (recall, precision,
 * detection delay per kind), and the forecasts' MAE per horizon against the persistence and
 * seasonal-naive baselines. {@link org.aicity.job.evaluate.EvaluateCli} is the command line.
 */
package org.aicity.job.evaluate;
