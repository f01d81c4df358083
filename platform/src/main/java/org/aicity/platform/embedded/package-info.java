/**
 * The embedded run mode: one JVM starts whatever is not configured as an external service, in
 * order: PostgreSQL (zonky binaries), then the schema migrations, an MQTT v5 broker (HiveMQ CE),
 * the stream job on a Flink MiniCluster, the simulator of the demo city, and the HTTP API; and
 * stops them in reverse on shutdown. Preferred ports are used when free, otherwise a free port
 * is chosen and the log says so: this mode never talks to a database or broker it did not start.
 * All files live under one work directory ({@code aicity.work-dir}).
 */
package org.aicity.platform.embedded;
