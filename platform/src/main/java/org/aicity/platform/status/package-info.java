/**
 * Pipeline status: the ingest counters and watermark the stream job reports, and what runs where
 * (database, broker, job, simulator), each part reported through
 * {@link org.aicity.platform.status.ComponentReporter}.
 */
package org.aicity.platform.status;
