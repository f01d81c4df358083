/**
 * Replay and backfill: a file of historical readings (the simulator's CSV or JSON-lines export, or
 * one series as {@code timestamp,value}) runs through the job's own aggregation, predict and judge
 * operators on a local environment in event time, as fast as the machine allows. Output goes to
 * files (forecasts, accuracy, one anomaly score per input row, alerts, recommendations) and optionally to the
 * database. {@link org.aicity.job.replay.ReplayCli} is the command line.
 */
package org.aicity.job.replay;
