package org.aicity.job.sink;

import java.io.Serializable;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Sets the parameters of a prepared statement from one row. */
@FunctionalInterface
interface RowBinder<T> extends Serializable {
    void bind(PreparedStatement ps, T row) throws SQLException;
}
