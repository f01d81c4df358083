/**
 * The benchmark command: the broker-only ceiling, then the full pipeline (simulator → Mosquitto →
 * stream job → PostgreSQL → API) at increasing offered rates, with latency, loss, CPU and memory
 * of every process, written as JSON and Markdown. A command that prints figures, not a test.
 */
package org.aicity.bench;
