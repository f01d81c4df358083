/**
 * Event-time statistics: 1-minute tumbling windows per city and sensor computing, for each of the
 * sensor's metrics, count, mean, min, max and last. The maths is
 * {@link org.aicity.job.aggregate.WindowStats} (one metric) and {@link org.aicity.job.aggregate.SensorMinute}
 * (all metrics of a sensor, in place); the Flink functions around them are thin.
 */
package org.aicity.job.aggregate;
