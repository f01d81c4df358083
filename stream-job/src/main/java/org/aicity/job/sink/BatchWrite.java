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

    /**
     * Whether batches may end and commit on another thread while the next one fills on another
     * connection: true where a batch's rows are sent as it fills ({@link Prepared#rowBuffered}), so that
     * its end is a wait for the server. Such a way of writing must keep no state shared between its
     * connections that is not safe to use from two threads.
     */
    default boolean overlapsCommits() {
        return false;
    }

    /** Prepares writing over a new connection (auto-commit off); called again after every reconnect. */
    Prepared<T> prepare(Connection connection) throws SQLException;

    /** Writing prepared for one connection. */
    interface Prepared<T> {
        /**
         * A row the writer has just buffered: the batch of the next {@link #writeAndCommit} is the
         * rows buffered since the last one that succeeded, in this order. A way of writing may send
         * them now, so that the server stores the batch while it fills ({@link ReadingCopyWrite}
         * streams its COPY). Never throws: a failure here is kept, and the batch is then written
         * whole by {@code writeAndCommit}.
         */
        default void rowBuffered(T row) {
        }


        /**
         * Stores the batch and commits, each row once even if it is stored already (a replay). On
         * failure rolls back as far as the connection still allows and throws; the caller then
         * closes the connection and retries the whole batch on a new one.
         */
        void writeAndCommit(Collection<T> batch) throws SQLException;
    }
}
