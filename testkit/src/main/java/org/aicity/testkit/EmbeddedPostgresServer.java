package org.aicity.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Zonky's embedded PostgreSQL (real server binaries from a Maven artifact) on a free loopback port.
 * Zonky has no stop/start of its own: a stop closes the instance without deleting its data
 * directory, and a start opens a new instance on the same directory and port (initdb is skipped
 * because the directory is initialised). When the JVM runs as root, zonky runs the server through
 * {@code unshare -U}, because PostgreSQL refuses to run as root.
 */
final class EmbeddedPostgresServer implements TestDatabase.Engine {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int PORT_ATTEMPTS = 3;

    private final Path dir;
    private final Path data;
    private final Path log;
    private final int port;
    private EmbeddedPostgres server;
    private String version = "?";

    private final Map<String, String> settings;

    private EmbeddedPostgresServer(Path dir, int port, Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
        this.dir = dir;
        this.data = dir.resolve("data");
        this.log = dir.resolve("postgres.log");
        this.port = port;
    }

    static EmbeddedPostgresServer launch(Map<String, String> settings) {
        Path dir;
        try {
            dir = Files.createTempDirectory("aicity-postgres-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RuntimeException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            EmbeddedPostgresServer s = new EmbeddedPostgresServer(dir, TestPorts.free(), settings);
            try {
                s.start();
                s.createDatabase();
                return s;
            } catch (RuntimeException e) {
                // most likely another process took the port between probing and binding
                last = e;
                s.stop();
            }
        }
        LocalFiles.deleteRecursively(dir);
        throw last;
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            // zonky starts the server with -F (fsync off); these come after it on the command line
            settings.forEach(builder::setServerConfig);
            server = builder
                .setPort(port)
                .setDataDirectory(data.toFile())
                .setCleanDataDirectory(false)
                .setPGStartupWait(START_TIMEOUT)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start on port " + port + ": " + e.getMessage()
                + "; its log " + log + " ends with:\n" + LocalFiles.tail(log, 15), e);
        }
    }

    private void createDatabase() {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String sql : List.of(
                "CREATE ROLE " + TestDatabase.USER + " LOGIN SUPERUSER PASSWORD '" + TestDatabase.PASSWORD + "'",
                "CREATE DATABASE " + TestDatabase.DATABASE + " OWNER " + TestDatabase.USER)) {
                s.execute(sql);
            }
            try (ResultSet rs = s.executeQuery("SHOW server_version")) {
                rs.next();
                version = rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + TestDatabase.DATABASE + " in embedded PostgreSQL", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop embedded PostgreSQL on port " + port, e);
        } finally {
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
        LocalFiles.deleteRecursively(dir);
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + TestDatabase.DATABASE;
    }

    @Override
    public boolean hasTimescaleDb() {
        return false;
    }

    @Override
    public synchronized String describe() {
        String pid = "-";
        try {
            List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"));
            pid = lines.isEmpty() ? "-" : lines.get(0).trim();
        } catch (IOException e) {
            // not running, or not yet written
        }
        return "embedded PostgreSQL " + version + " (zonky child process, pid " + pid + ", data in " + data + ")";
    }
}
