package org.aicity.job.sink;

import org.aicity.job.ingest.ValidReading;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collection;

/**
 * Writes readings, one row each with all of its metrics in two parallel arrays, with
 * {@code COPY reading ... FROM STDIN (FORMAT binary)}, one COPY and one transaction per batch: no
 * statement to parse or plan per row, and no text to parse on the server.
 *
 * <p>The COPY is streamed: it starts with the batch's first row, and every 64 KB of rows go to the
 * server as the batch fills ({@link #rowBuffered}), so PostgreSQL stores them while the next ones
 * arrive; the batch's end only sends the rest, ends the COPY and commits. Written whole at the end,
 * the writer and the server took turns: measured with batches of 100 readings per message, the
 * server's backend was busy 70 % of the time and waited for the next batch the rest.
 *
 * <p>COPY has no {@code ON CONFLICT}: a batch with a row stored already fails as a whole with a
 * unique violation (23505). That happens after a restart, when the rows since the last checkpoint
 * come again. Such a batch is rolled back and written again, in a new transaction, through a
 * session temporary table: {@code COPY} into it, then
 * {@code INSERT INTO reading SELECT ... ON CONFLICT DO NOTHING}, which keeps every stored row and
 * adds the others (duplicates within the batch too, as the INSERT path does). The batches after it
 * take the same way until one meets no stored row, then COPY straight into the table again, so a
 * replay costs one failed COPY, not one per batch.
 *
 * <p>Each row names its sensor only by number ({@code sensor_key}, the table's key with ts and seq;
 * see {@link SensorKeys}; since V14 the row has no city and sensor id texts) and its metrics by the
 * number of their list of names ({@code metric_set}, see {@link MetricSets}). The numbers are
 * loaded when the connection is made; a sensor or a list without one is registered before its batch
 * is written, in a transaction of its own. A COPY holds the connection, so a stream that meets such a
 * sensor or list stops there and the batch is written whole at its end.
 *
 * <p>Any other failure is thrown for {@link JdbcBatchWriter} to retry or give up on, as with INSERTs.
 */
final class ReadingCopyWrite implements BatchWrite<ValidReading> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ReadingCopyWrite.class);

    static final String UNIQUE_VIOLATION = "23505";
    private static final String UNLEARNT = ": learnMissing must run before a batch is encoded whole";
    private static final String COLUMNS = "sensor_key, ts, seq, metric_set, metric_values";
    private static final int FIELDS = 5;
    /** Rows are sent to the server whenever this much COPY data is buffered. */
    static final int SEND_AT_BYTES = 64 << 10;

    private final String copySql;
    private final String createStageSql;
    private final String copyStageSql;
    private final String insertStagedSql;

    ReadingCopyWrite() {
        this("reading");
    }

    /** @param table the {@code reading} table, or another with its columns (tests) */
    ReadingCopyWrite(String table) {
        String stage = "pg_temp." + table + "_stage";
        copySql = "COPY " + table + " (" + COLUMNS + ") FROM STDIN (FORMAT binary)";
        // one per session, emptied by every commit: it never holds more than the batch being written
        createStageSql = "CREATE TEMPORARY TABLE " + table + "_stage (sensor_key integer, ts timestamptz, "
            + "seq bigint, metric_set integer, metric_values double precision[]) ON COMMIT DELETE ROWS";
        copyStageSql = "COPY " + stage + " (" + COLUMNS + ") FROM STDIN (FORMAT binary)";
        insertStagedSql = "INSERT INTO " + table + " (" + COLUMNS + ") SELECT " + COLUMNS + " FROM " + stage
            + " ON CONFLICT DO NOTHING";
    }

    @Override
    public Prepared<ValidReading> prepare(Connection connection) throws SQLException {
        return new OnConnection(connection);
    }

    /** Each connection has its own buffer, sensor numbers and lists of names; the outer object only its SQL. */
    @Override
    public boolean overlapsCommits() {
        return true;
    }

    @Override
    public String toString() {
        return copySql;
    }

    /** The writing over one connection. */
    private final class OnConnection implements Prepared<ValidReading> {
        private final Connection connection;
        private final CopyManager copyApi;
        private final BinaryCopyBuffer data = new BinaryCopyBuffer();
        private final SensorKeys keys = new SensorKeys();
        private final MetricSets sets = new MetricSets();
        /** Whether this session's temporary table exists (its creation committed). */
        private boolean stageExists;
        /** Whether the last batch met stored rows, so the next one likely does too. */
        private boolean replaying;
        /** The COPY being streamed, or null. */
        private CopyIn streaming;
        /** Rows of the current batch encoded into {@link #streaming}. */
        private int streamedRows;
        /** The error that broke the stream of the current batch, or null. */
        private SQLException streamError;
        /**
         * Whether the current batch stopped streaming at a sensor or a list of metric names without a
         * number: registering it needs the connection, which a COPY holds, so the batch is written
         * whole at its end.
         */
        private boolean streamAbandoned;

        OnConnection(Connection connection) throws SQLException {
            this.connection = connection;
            this.copyApi = connection.unwrap(PGConnection.class).getCopyAPI();
            keys.loadAll(connection);
            sets.loadAll(connection);
        }

        @Override
        public void rowBuffered(ValidReading row) {
            if (replaying || streamError != null || streamAbandoned) {
                return;
            }
            Integer key = keys.get(row.cityId(), row.sensorId());
            Integer set = key == null ? null : sets.get(row.metrics());
            if (set == null) {
                streamAbandoned = true;
                if (streaming != null) {
                    cancelQuietly(streaming);
                    rollbackQuietly();
                    streaming = null;
                }
                return;
            }
            try {
                if (streaming == null) {
                    streaming = copyApi.copyIn(copySql);
                    streamedRows = 0;
                    data.start();
                }
                encode(row, key, set);
                streamedRows++;
                if (data.length() >= SEND_AT_BYTES) {
                    streaming.writeToCopy(data.bytes(), 0, data.length());
                    data.clear();
                }
            } catch (SQLException e) {
                // e.g. a unique violation the server reported early, or a lost connection: the batch
                // is written whole by writeAndCommit, which sees what happened
                streamError = e;
            }
        }

        @Override
        public void writeAndCommit(Collection<ValidReading> batch) throws SQLException {
            if (!replaying) {
                try {
                    if (!finishStream(batch.size())) {
                        learnMissing(batch);
                        encode(batch);
                        copy(copySql);
                    }
                    connection.commit();
                    return;
                } catch (SQLException e) {
                    rollbackQuietly();
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                    LOG.info("A batch of {} readings meets readings stored already, as after a restart; writing it and "
                        + "the next ones with ON CONFLICT DO NOTHING until a batch has only new readings", batch.size());
                    replaying = true;
                }
            }
            try (Statement s = connection.createStatement()) {
                learnMissing(batch);
                encode(batch);
                if (!stageExists) {
                    s.execute(createStageSql);
                }
                copy(copyStageSql);
                int inserted = s.executeUpdate(insertStagedSql);
                connection.commit();
                stageExists = true;
                if (inserted == batch.size()) {
                    replaying = false;
                    LOG.debug("A batch of {} readings had only new ones; back to COPY", batch.size());
                }
            } catch (SQLException e) {
                rollbackQuietly();
                throw e;
            }
        }

        /**
         * Ends the COPY streamed for this batch if it holds all of the batch's rows and nothing went
         * wrong; otherwise abandons it (rolled back) and returns false, and the caller writes the
         * batch whole. Throws what the server reports at the end (e.g. a unique violation).
         */
        private boolean finishStream(int batchSize) throws SQLException {
            CopyIn in = streaming;
            SQLException error = streamError;
            int rows = streamedRows;
            streaming = null;
            streamError = null;
            streamAbandoned = false;
            streamedRows = 0;
            if (in == null) {
                if (error != null) {
                    rollbackQuietly(); // the COPY failed to start, e.g. the table is missing: its error comes again
                }
                return false;
            }
            if (error != null || rows != batchSize) {
                cancelQuietly(in);
                rollbackQuietly();
                if (error != null && UNIQUE_VIOLATION.equals(error.getSQLState())) {
                    throw error;
                }
                return false;
            }
            try {
                data.finish();
                in.writeToCopy(data.bytes(), 0, data.length());
                in.endCopy();
                return true;
            } finally {
                cancelQuietly(in);
            }
        }

        /** Registers the batch's sensors and lists of names that have no number yet (each committed on its own). */
        private void learnMissing(Collection<ValidReading> batch) throws SQLException {
            keys.learnMissing(connection, batch);
            sets.learnMissing(connection, batch);
        }

        private void encode(Collection<ValidReading> batch) throws SQLException {
            data.start();
            for (ValidReading r : batch) {
                Integer key = keys.get(r.cityId(), r.sensorId());
                if (key == null) {
                    throw new SQLException("no sensor number for " + r.cityId() + "/" + r.sensorId() + UNLEARNT);
                }
                Integer set = sets.get(r.metrics());
                if (set == null) {
                    throw new SQLException("no metric set number for " + Arrays.toString(r.metrics()) + UNLEARNT);
                }
                encode(r, key, set);
            }
            data.finish();
        }

        private void encode(ValidReading r, int sensorKey, int metricSet) throws SQLException {
            data.startRow(FIELDS);
            data.int4(sensorKey);
            data.timestamptz(r.ts());
            data.int8(r.seq());
            data.int4(metricSet);
            data.float8Array(r.values());
        }

        private void copy(String sql) throws SQLException {
            CopyIn in = copyApi.copyIn(sql);
            try {
                in.writeToCopy(data.bytes(), 0, data.length());
                in.endCopy();
            } finally {
                cancelQuietly(in);
            }
        }

        private void cancelQuietly(CopyIn in) {
            if (in.isActive()) {
                try {
                    in.cancelCopy();
                } catch (SQLException ignored) {
                    // the error that got us here is the one to report
                }
            }
        }

        private void rollbackQuietly() {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the connection is closed and replaced by the caller
            }
        }
    }
}
