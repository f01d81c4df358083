/**
 * PostgreSQL sinks: batched (size and time), at-least-once, with idempotent SQL on the natural
 * keys of the platform's core schema, so a replay after a crash stores each fact once.
 * {@link org.aicity.job.sink.JdbcSinks} is the entry point.
 */
package org.aicity.job.sink;
