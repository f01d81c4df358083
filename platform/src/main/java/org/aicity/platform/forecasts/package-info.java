/**
 * Forecasts of sensor series with 80% and 95% intervals and baselines, and their accuracy (MAE,
 * sMAPE, interval coverage) relative to persistence and seasonal naive, per series and per domain.
 * The stream job's predict stage writes the tables (migration V10); this feature only reads them.
 */
package org.aicity.platform.forecasts;
