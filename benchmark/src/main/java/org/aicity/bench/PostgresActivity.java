package org.aicity.bench;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL's own background work during a step, beside the readings it stored: checkpoints,
 * autovacuum, WAL written (full-page images included) and new WAL files filled with zeros. A step that meets a
 * vacuum of the table it fills, or a fresh server's first gigabyte of WAL, runs slower for reasons
 * that are neither the pipeline's nor the host's; with these figures each step says whether it did.
 *
 * <p>Counters come from the server's cumulative statistics ({@code pg_stat_checkpointer} or, before
 * PostgreSQL 17, {@code pg_stat_bgwriter}; {@code pg_stat_wal}; {@code pg_stat_io}'s bytes written
 * to initialise WAL files, from PostgreSQL 18), read at the start and the end. Autovacuum is sampled: a
 * thread of its own reads {@code pg_stat_activity} every {@code everyMillis} and adds the time
 * between two reads to each autovacuum task it saw running. Reading statistics never fails a step:
 * a counter the server does not have is left out (null), and a sampling error is logged once.
 */
final class PostgresActivity implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresActivity.class);

    /** The cumulative counters, read at one moment; a null is a counter this server does not keep. */
    record Counters(Long checkpoints, Long walBytes, Long walFullPageImages, Long walFilesZeroFilled) {

        /** No counter read. */
        static final Counters NONE = new Counters(null, null, null, null);

        static Counters read(Connection c) throws SQLException {
            int version;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version_num")) {
                rs.next();
                version = Integer.parseInt(rs.getString(1));
            }
            Long checkpoints = single(c, version >= 170_000
                ? "SELECT num_timed + num_requested FROM pg_stat_checkpointer"
                : "SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter");
            Long walBytes = null;
            Long fpi = null;
            if (version >= 140_000) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT wal_bytes::bigint, wal_fpi FROM pg_stat_wal")) {
                    if (rs.next()) {
                        walBytes = rs.getLong(1);
                        fpi = rs.getLong(2);
                    }
                }
            }
            Long files = version >= 180_000
                ? single(c, "SELECT (coalesce(sum(write_bytes), 0) / pg_size_bytes(current_setting('wal_segment_size')))::bigint "
                    + "FROM pg_stat_io WHERE object = 'wal' AND context = 'init'")
                : null;
            return new Counters(checkpoints, walBytes, fpi, files);
        }

        private static Long single(Connection c, String sql) throws SQLException {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private final DataSource dataSource;
    private final long everyMillis;
    private final Counters start;
    private final Map<String, Double> autovacuumSeconds = new LinkedHashMap<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread sampler;

    private PostgresActivity(DataSource dataSource, long everyMillis, Counters start) {
        this.dataSource = dataSource;
        this.everyMillis = everyMillis;
        this.start = start;
        this.sampler = new Thread(this::sampleAutovacuum, "postgres-activity");
        this.sampler.setDaemon(true);
    }

    /** Reads the counters now and starts sampling autovacuum; {@link #stop} ends it. */
    static PostgresActivity start(DataSource dataSource, long everyMillis) {
        Counters counters = null;
        try (Connection c = dataSource.getConnection()) {
            counters = Counters.read(c);
        } catch (SQLException | RuntimeException e) {
            log.warn("PostgreSQL's statistics could not be read; the step's background work is not reported: {}", e.toString());
        }
        PostgresActivity a = new PostgresActivity(dataSource, everyMillis, counters);
        a.sampler.start();
        return a;
    }

    private void sampleAutovacuum() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            long last = System.nanoTime();
            do {
                List<String> running = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT regexp_replace(query, '^autovacuum: ', '') FROM pg_stat_activity "
                    + "WHERE backend_type = 'autovacuum worker' AND query LIKE 'autovacuum: %'")) {
                    while (rs.next()) {
                        running.add(rs.getString(1));
                    }
                }
                long now = System.nanoTime();
                double seconds = (now - last) / 1e9;
                last = now;
                synchronized (autovacuumSeconds) {
                    for (String task : running) {
                        autovacuumSeconds.merge(task, seconds, Double::sum);
                    }
                }
            } while (!stop.await(everyMillis, TimeUnit.MILLISECONDS));
        } catch (SQLException | RuntimeException e) {
            log.warn("autovacuum could not be sampled; the step's autovacuum time is what was seen before this: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends sampling, reads the counters again, and returns the work done since {@link #start}. */
    Results.PostgresWork stop(long readingsStored) {
        close();
        Counters end = null;
        if (start != null) {
            try (Connection c = dataSource.getConnection()) {
                end = Counters.read(c);
            } catch (SQLException | RuntimeException e) {
                log.warn("PostgreSQL's statistics could not be read after the step: {}", e.toString());
            }
        }
        Map<String, Double> vacuum;
        synchronized (autovacuumSeconds) {
            vacuum = new LinkedHashMap<>(autovacuumSeconds);
        }
        return Results.PostgresWork.of(start, end, readingsStored, vacuum);
    }

    @Override
    public void close() {
        stop.countDown();
        try {
            sampler.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
