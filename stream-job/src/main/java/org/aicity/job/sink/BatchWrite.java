package org.aicity.job.sink;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
         * A row the writer has just buffered: the batch of the next {@link #writeAndCommit} is the
         * rows buffered since the last one that succeeded, in this order. A way of writing may send
         * them now, so that the server stores the batch while it fills ({@link ReadingCopyWrite}
         * streams its COPY). Never throws: a failure here is kept, and the batch is then written
         * whole by {@code writeAndCommit}.
         */
        default void rowBuffered(T row) {
        }


        /**
         * Stores the batch and commits ({@link BatchWrite#commit}), each row once even if it is
         * stored already (a replay). On failure rolls back as far as the connection still allows
         * and throws; the caller then closes the connection and retries the whole batch on a new one.
         *
         * @param durable whether the commit waits until the server has the transaction on its disk;
         *                false for a batch written between checkpoints, which the checkpoint makes
         *                durable later ({@link JdbcBatchWriter})
         * @return what {@link BatchWrite#commit} returns
         */
        String writeAndCommit(Collection<T> batch, boolean durable) throws SQLException;
    }

    /**
     * Commits the connection's transaction. Not durable: with {@code synchronous_commit} off for this
     * transaction only, so the commit returns without waiting for the server to flush its WAL. The
     * transaction is visible at once and the server flushes it within a few hundred milliseconds;
     * only a crash of the server before that loses it, and any later durable commit, of any
     * session, flushes it too (the WAL is one sequence). Either way one round trip: under load a
     * round trip costs the writer a wait for the server's process to be scheduled, so the setting,
     * the commit and the question go together.
     *
     * @return for a commit that did not wait, the server's WAL insert position right after it (pg_lsn
     *         text), which the server has flushed once the commit is durable; null for a durable one
     */
    static String commit(Connection connection, boolean durable) throws SQLException {
        if (durable) {
            connection.commit();
            return null;
        }
        try (Statement s = connection.createStatement()) {
            boolean rows = s.execute("SET LOCAL synchronous_commit = off; COMMIT; SELECT pg_current_wal_insert_lsn()::text");
            while (!rows) {
                if (!s.getMoreResults() && s.getUpdateCount() == -1) {
                    throw new SQLException("the commit's WAL position did not come back");
                }
                rows = s.getResultSet() != null;
            }
            try (ResultSet rs = s.getResultSet()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
