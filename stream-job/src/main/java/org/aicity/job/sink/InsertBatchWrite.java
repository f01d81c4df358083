package org.aicity.job.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Objects;

/**
 * One idempotent statement ({@code INSERT ... ON CONFLICT}) executed as a JDBC batch, which pgjdbc
 * rewrites into multi-row INSERTs ({@code reWriteBatchedInserts}).
 */
record InsertBatchWrite<T>(String sql, RowBinder<T> binder) implements BatchWrite<T> {

    InsertBatchWrite {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(binder, "binder");
    }

    @Override
    public Prepared<T> prepare(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        return batch -> write(connection, statement, batch);
    }

    private void write(Connection connection, PreparedStatement statement, Collection<T> batch) throws SQLException {
        try {
            for (T row : batch) {
                binder.bind(statement, row);
                statement.addBatch();
            }
            statement.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            try {
                statement.clearBatch();
                connection.rollback();
            } catch (SQLException ignored) {
                // the connection is closed and replaced by the caller
            }
            throw e;
        }
    }
}
