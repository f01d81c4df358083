package org.aicity.testkit;

import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** TimescaleDB (PostgreSQL 17) in a Testcontainers container. */
final class PostgresContainer extends ContainerService implements TestDatabase.Engine {

    static final DockerImageName IMAGE = DockerImageName.parse("timescale/timescaledb:latest-pg17")
        .asCompatibleSubstituteFor("postgres");
    private static final int POSTGRES = 5432;

    private PostgresContainer(PostgreSQLContainer container, int hostPort) {
        super(container, hostPort, IMAGE);
    }

    static PostgresContainer launch(Map<String, String> settings) {
        int hostPort = TestPorts.free();
        List<String> command = new ArrayList<>(List.of("postgres"));
        settings.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
        PostgreSQLContainer c = new PostgreSQLContainer(IMAGE)
            .withDatabaseName(TestDatabase.DATABASE)
            .withUsername(TestDatabase.USER)
            .withPassword(TestDatabase.PASSWORD)
            .withCommand(command.toArray(String[]::new));
        c.withCreateContainerCmdModifier(FixedPorts.bind(hostPort, POSTGRES));
        c.start();
        return new PostgresContainer(c, hostPort);
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:postgresql://" + container.getHost() + ":" + hostPort + "/" + TestDatabase.DATABASE;
    }

    @Override
    public boolean hasTimescaleDb() {
        return true;
    }

    /** The port opens before the server accepts sessions ("the database system is starting up"). */
    @Override
    protected void awaitReady() {
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
}
