package org.aicity.job;

import org.aicity.job.aggregate.MetricAggregate;
import org.aicity.job.ingest.DeadLetter;
import org.aicity.job.ingest.IngestStatus;
import org.aicity.job.ingest.ValidReading;
import org.aicity.job.sink.JdbcSettings;
import org.aicity.job.sink.JdbcSinks;
import org.apache.flink.api.connector.sink2.Sink;

import java.util.Objects;

/**
 * Where the pipeline writes. Production uses {@link #jdbc}; tests pass collecting sinks.
 * The pipeline is at-least-once, so a sink must tolerate a row written twice.
 */
public record PipelineSinks(Sink<ValidReading> readings, Sink<MetricAggregate> aggregates, Sink<DeadLetter> deadLetters,
                            Sink<IngestStatus> status) {

    public PipelineSinks {
        Objects.requireNonNull(readings, "readings");
        Objects.requireNonNull(aggregates, "aggregates");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(status, "status");
    }

    /** Batched idempotent upserts into the platform's core schema on PostgreSQL. */
    public static PipelineSinks jdbc(JdbcSettings settings) {
        return new PipelineSinks(JdbcSinks.readings(settings), JdbcSinks.aggregates(settings),
            JdbcSinks.deadLetters(settings), JdbcSinks.status(settings));
    }
}
