/**
 * The Flink job of the AI city platform. {@link org.aicity.job.CityPipeline} assembles the
 * operators from a source of raw MQTT messages to four sinks; {@link org.aicity.job.StreamJob}
 * reads a {@link org.aicity.job.JobConfig} and runs it with the MQTT source and the PostgreSQL
 * sinks. Features live in sub-packages: {@code mqtt}, {@code ingest}, {@code aggregate}, {@code sink},
 * {@code predict} (forecasts and accuracy) and {@code judge} (anomaly scores and alerts), added by
 * {@link org.aicity.job.CityPipeline#addInsights}.
 */
package org.aicity.job;
