package org.aicity.platform.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * PostgreSQL from the zonky binaries, run as a child process with its data under the work
 * directory. It has one superuser, {@code postgres}, trusted on localhost only.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param keepData keep the data of the previous run; otherwise every start begins empty
     */
    static EmbeddedDatabase start(WorkDirectory work, int port, boolean keepData) {
        stopOrphanedServer(work.root().resolve("postgres"));
        Path data = keepData ? work.folder("postgres") : work.emptyFolder("postgres");
        long t0 = System.nanoTime();
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(work.folder("postgres-binaries").toFile())
                .setDataDirectory(data.toFile())
                .setCleanDataDirectory(!keepData)
                .setPort(port)
                // Spring's shutdown closes the database after the job has stopped writing to it;
                // zonky's own hook would race with that.
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "localhost")
                // No socket file in /tmp that could meet a system PostgreSQL's.
                .setServerConfig("unix_socket_directories", "")
                // zonky's test defaults (-F, synchronous_commit=off) do not flush to disk: a crash of
                // the machine could lose committed readings, or corrupt data kept across restarts
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
            EmbeddedDatabase db = new EmbeddedDatabase(pg);
            log.info("Embedded PostgreSQL ready at {} in {} ms (data in {}, {})", db.jdbcUrl(),
                (System.nanoTime() - t0) / 1_000_000, data, keepData ? "kept across restarts" : "emptied on every start");
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start on port " + port, e);
        }
    }

    /**
     * A JVM that was killed (not stopped) leaves its PostgreSQL running: pg_ctl detaches it. Its
     * process id is the first line of postmaster.pid in the data folder; stop that process, and
     * only if it is a postgres, before the folder is reused.
     */
    private static void stopOrphanedServer(Path data) {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            Optional<ProcessHandle> process = ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
            if (process.isEmpty()) {
                return;
            }
            log.warn("An embedded PostgreSQL of an earlier run still runs on {} (pid {}); stopping it", data, pid);
            process.get().destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients are gone
            process.get().onExit().get(15, TimeUnit.SECONDS);
        } catch (IOException | RuntimeException | ExecutionException | TimeoutException e) {
            log.warn("could not stop the earlier embedded PostgreSQL of {}: {}", data, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int port() {
        return postgres.getPort();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/postgres";
    }

    String username() {
        return "postgres";
    }

    @Override
    public void close() throws IOException {
        log.info("Stopping embedded PostgreSQL on port {}", port());
        postgres.close();
    }
}
