package org.aicity.job.sink;

import java.io.Serializable;

/**
 * The conflict key of an upsert. Rows with the same key in one batch are compacted to the last
 * one, so a batch never updates a row twice (which PostgreSQL refuses inside one multi-row
 * INSERT ... ON CONFLICT DO UPDATE, the form pgjdbc rewrites batches into).
 */
@FunctionalInterface
interface UpsertKey<T> extends Serializable {
    Object of(T row);
}
