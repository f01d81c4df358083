/**
 * Ingest: from raw MQTT messages to valid, deduplicated readings. Each message is decoded and
 * validated with the city-model codec; every rejection becomes a {@link org.aicity.job.ingest.DeadLetter}
 * with the raw bytes and every reason; a redelivered reading is passed on once; each subtask
 * reports its counters as an {@link org.aicity.job.ingest.IngestStatus} at most once a second.
 */
package org.aicity.job.ingest;
