/**
 * Predict: online forecasts of every sensor series (1-minute aggregates) and district KPI
 * (15-minute means per district, domain and metric) at 15, 30 and 60 minutes with 80% and 95%
 * intervals, the persistence and seasonal-naive baselines beside them, and accuracy once the
 * actuals arrive. The maths is {@link org.aicity.job.predict.SeriesModel} (a seasonal profile by
 * time of week plus a damped deviation); {@link org.aicity.job.predict.ForecastAndJudge} is the
 * keyed operator around it, which also judges each point before the model may learn from it.
 */
package org.aicity.job.predict;
