/**
 * Event-time statistics: 1-minute tumbling windows per city, sensor and metric computing count,
 * mean, min, max and last. The maths is {@link org.aicity.job.aggregate.WindowStats}; the Flink
 * functions around it are thin.
 */
package org.aicity.job.aggregate;
