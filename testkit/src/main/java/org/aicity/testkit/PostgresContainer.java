package org.aicity.testkit;

import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/** TimescaleDB (PostgreSQL 17) in a Testcontainers container. */
final class PostgresContainer implements TestDatabase.Engine {

    static final DockerImageName IMAGE = DockerImageName.parse("timescale/timescaledb:latest-pg17")
        .asCompatibleSubstituteFor("postgres");
    private static final int POSTGRES = 5432;

    private final PostgreSQLContainer container;
    private final int hostPort;
    private boolean running;

    private PostgresContainer(PostgreSQLContainer container, int hostPort) {
        this.container = container;
        this.hostPort = hostPort;
    }

    static PostgresContainer launch() {
        int hostPort = LocalFiles.freePort();
        PostgreSQLContainer c = new PostgreSQLContainer(IMAGE)
            .withDatabaseName(TestDatabase.DATABASE)
            .withUsername(TestDatabase.USER)
            .withPassword(TestDatabase.PASSWORD);
        c.withCreateContainerCmdModifier(FixedPorts.bind(hostPort, POSTGRES));
        c.start();
        PostgresContainer p = new PostgresContainer(c, hostPort);
        p.running = true;
        return p;
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:postgresql://" + container.getHost() + ":" + hostPort + "/" + TestDatabase.DATABASE;
    }

    @Override
    public boolean hasTimescaleDb() {
        return true;
    }

    @Override
    public synchronized void start() {
        if (!running) {
            FixedPorts.start(container, container.getHost(), hostPort);
            awaitQueries();
            running = true;
        }
    }

    /** The port opens before the server accepts sessions ("the database system is starting up"). */
    private void awaitQueries() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(jdbcUrl(), TestDatabase.USER, TestDatabase.PASSWORD)) {
                c.createStatement().execute("SELECT 1");
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("PostgreSQL container did not answer queries after a restart", last);
    }

    @Override
    public synchronized void stop() {
        if (running) {
            FixedPorts.stop(container);
            running = false;
        }
    }

    @Override
    public void close() {
        container.stop();
    }

    @Override
    public String describe() {
        return "Testcontainers " + IMAGE.asCanonicalNameString() + " container " + container.getContainerId().substring(0, 12);
    }
}
