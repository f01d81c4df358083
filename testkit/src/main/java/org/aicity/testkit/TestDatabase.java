package org.aicity.testkit;

import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real PostgreSQL for a test, with its own empty database {@value #DATABASE} owned by the
 * superuser {@value #USER}. Runs {@code timescale/timescaledb:latest-pg17} in a Testcontainers
 * container when a Docker engine answers (the {@code timescaledb} extension is available there),
 * else an embedded PostgreSQL (zonky) as a child process on a free loopback port (plain
 * PostgreSQL, no TimescaleDB). Each test class may start its own.
 *
 * <p>{@link #stop()} and {@link #restart()} keep the port and the data, for outage tests.
 */
public final class TestDatabase implements AutoCloseable {

    public static final String DATABASE = "aicity";
    public static final String USER = "aicity";
    public static final String PASSWORD = "aicity";

    private static final Logger LOG = LoggerFactory.getLogger(TestDatabase.class);

    private final Engine engine;
    private final PGSimpleDataSource dataSource;

    private TestDatabase(Engine engine) {
        this.engine = engine;
        this.dataSource = new PGSimpleDataSource();
        dataSource.setURL(engine.jdbcUrl());
        dataSource.setUser(USER);
        dataSource.setPassword(PASSWORD);
    }

    /**
     * Starts a database server and waits until it answers queries. Like most test setups (zonky's and
     * Testcontainers' defaults) it does not flush to disk ({@code fsync} and {@code synchronous_commit}
     * off): tests need a real server, not a durable one.
     */
    public static TestDatabase start() {
        return start(Map.of());
    }

    /**
     * Starts a database server with these settings on its command line (over the test defaults
     * above, e.g. {@code fsync=on} for a benchmark that should pay what a production server pays).
     */
    public static TestDatabase start(Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>(TEST_DEFAULTS);
        all.putAll(settings);
        Engine engine = Backend.choose() == Backend.DOCKER ? PostgresContainer.launch(all) : EmbeddedPostgresServer.launch(all);
        LOG.info("TestDatabase: {} at {}{}", engine.describe(), engine.jdbcUrl(), settings.isEmpty() ? "" : " with " + settings);
        return new TestDatabase(engine);
    }

    /** What zonky and Testcontainers set for tests, stated here so that a caller can see and override it. */
    private static final Map<String, String> TEST_DEFAULTS = Map.of("fsync", "off", "synchronous_commit", "off");

    public String jdbcUrl() {
        return engine.jdbcUrl();
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** An unpooled data source: every {@code getConnection()} opens a new connection. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Whether this server offers the {@code timescaledb} extension (the container does, the embedded one does not). */
    public boolean hasTimescaleDb() {
        return engine.hasTimescaleDb();
    }

    /** Shuts the server down cleanly; connections fail until {@link #restart()}. */
    public void stop() {
        engine.stop();
        LOG.info("TestDatabase: stopped {}", engine.jdbcUrl());
    }

    /** Stops the server if it runs and starts it again on the same port with the same data. */
    public void restart() {
        engine.stop();
        engine.start();
        LOG.info("TestDatabase: restarted {} at {}", engine.describe(), engine.jdbcUrl());
    }

    /** Ends the server for good and removes its data. */
    @Override
    public void close() {
        engine.close();
    }

    /** What actually runs the database. */
    interface Engine {
        String jdbcUrl();

        boolean hasTimescaleDb();

        /** Starts a stopped server with the same port and data; a no-op when it runs. */
        void start();

        /** Stops cleanly; a no-op when stopped. */
        void stop();

        void close();

        String describe();
    }
}
