package org.aicity.job.sink;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;

/**
 * How a sink stores one batch: batched INSERT statements ({@link InsertBatchWrite}) or COPY
 * ({@link ReadingCopyWrite}). Part of the sink, hence serializable; {@link JdbcBatchWriter} keeps the
 * connection, the buffer, the retries and the metrics, the same for every way of writing.
 */
@FunctionalInterface
interface BatchWrite<T> extends Serializable {

    /** Prepares writing over a new connection (auto-commit off); called again after every reconnect. */
    Prepared<T> prepare(Connection connection) throws SQLException;

    /** Writing prepared for one connection. */
    interface Prepared<T> {
        /**
         * Stores the batch and commits, each row once even if it is stored already (a replay). On
         * failure rolls back as far as the connection still allows and throws; the caller then
         * closes the connection and retries the whole batch on a new one.
         */
        void writeAndCommit(Collection<T> batch) throws SQLException;
    }
}
