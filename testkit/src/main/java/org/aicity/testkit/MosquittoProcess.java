package org.aicity.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Mosquitto as a child process on a loopback port, with its config and persistence in a temp directory. */
final class MosquittoProcess implements TestBroker.Engine {

    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int PORT_ATTEMPTS = 5;

    private final Path binary;
    private final Path dir;
    private final Path config;
    private final Path log;
    private final int port;
    private final Thread shutdownHook;
    private Process process;

    private MosquittoProcess(Path binary, Path dir, int port) {
        this.binary = binary;
        this.dir = dir;
        this.config = dir.resolve("mosquitto.conf");
        this.log = dir.resolve("mosquitto.log");
        this.port = port;
        // A child process outlives the JVM unless it is ended; a test run that dies must not leave brokers behind.
        this.shutdownHook = new Thread(this::kill, "testbroker-kill-" + port);
    }

    static MosquittoProcess launch(Path binary, String projectConfig, TestBroker.AccessControl access) {
        Path dir;
        try {
            dir = Files.createTempDirectory("aicity-mosquitto-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IllegalStateException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            MosquittoProcess m = new MosquittoProcess(binary, dir, TestPorts.free());
            try {
                m.writeConfig(projectConfig, access);
                Runtime.getRuntime().addShutdownHook(m.shutdownHook);
                m.start();
                return m;
            } catch (IllegalStateException e) {
                // most likely another process took the port between probing and binding
                last = e;
                m.kill();
                Runtime.getRuntime().removeShutdownHook(m.shutdownHook);
            }
        }
        LocalFiles.deleteRecursively(dir);
        throw last;
    }

    private void writeConfig(String projectConfig, TestBroker.AccessControl access) {
        StringBuilder c = new StringBuilder(projectConfig);
        c.append("\n\n# Added by TestBroker\n")
            .append("listener ").append(port).append(' ').append(HOST).append('\n')
            .append("persistence_location ").append(dir.toAbsolutePath()).append("/\n");
        if (access == null) {
            c.append("allow_anonymous true\n");
        } else {
            try {
                Files.copy(access.aclFile(), dir.resolve("aicity.acl"), StandardCopyOption.REPLACE_EXISTING);
                Files.copy(access.passwordFile(), dir.resolve("aicity.passwd"), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy the broker's ACL and password file", e);
            }
            c.append(access.configLines(dir.toAbsolutePath().toString()));
        }
        if ("root".equals(System.getProperty("user.name"))) {
            // As root, mosquitto switches to the 'mosquitto' user, which cannot write our private temp directory.
            c.append("user root\n");
        }
        try {
            Files.writeString(config, c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder(binary.toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
        Process p = process;
        if (!LocalFiles.awaitAccepting(HOST, port, START_TIMEOUT, p::isAlive)) {
            kill();
            throw new IllegalStateException("mosquitto did not accept connections on " + HOST + ":" + port
                + " within " + START_TIMEOUT.toSeconds() + " s; its log " + log + " ends with:\n" + LocalFiles.tail(log, 15));
        }
    }

    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook does the same
        }
        LocalFiles.deleteRecursively(dir);
    }

    @Override
    public String host() {
        return HOST;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized String describe() {
        return "mosquitto child process (" + binary + ", pid " + (process == null ? "-" : process.pid()) + ")";
    }
}
