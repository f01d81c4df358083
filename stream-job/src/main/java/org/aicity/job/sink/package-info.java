/**
 * PostgreSQL sinks: batched (size and time), at-least-once, with idempotent SQL on the natural
 * keys of the platform's core schema, so a replay after a crash stores each fact once. Readings go
 * by COPY, which falls back to {@code ON CONFLICT DO NOTHING} for a batch that meets stored rows.
 * A database outage holds the writer in a retry loop (backpressure, no checkpoint completes,
 * nothing is acknowledged to the broker) and shows in the sink's {@code jdbc*} metrics and log;
 * see docs/reliability.md. {@link org.aicity.job.sink.JdbcSinks} is the entry point.
 */
package org.aicity.job.sink;
