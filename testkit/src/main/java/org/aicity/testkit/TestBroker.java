package org.aicity.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real Mosquitto broker for a test, configured with the project's own
 * {@code platform/broker/mosquitto.conf}, so tests see the queueing and in-flight limits production
 * has. Runs in a Testcontainers {@code eclipse-mosquitto:2} container when a Docker engine answers,
 * else as a child process of the {@code mosquitto} binary on a free loopback port.
 *
 * <p>{@link #stop()} and {@link #restart()} keep the port and the persistence file, so fault tests
 * can take the broker away and bring it back. A graceful stop saves the broker's in-memory
 * database, as a real restart would.
 */
public final class TestBroker implements AutoCloseable {

    /** The project's broker configuration, relative to the reactor root. */
    public static final String CONFIG = "platform/broker/mosquitto.conf";
    /** The project's ACL and development password file, used by {@link #startWithAccessControl()}. */
    public static final String ACL = "platform/broker/aicity.acl";
    public static final String PASSWORDS = "platform/broker/aicity.passwd";

    private static final Logger LOG = LoggerFactory.getLogger(TestBroker.class);

    private final Engine engine;

    private TestBroker(Engine engine) {
        this.engine = engine;
    }

    /** Starts a broker that lets anyone in, and waits until it accepts connections. */
    public static TestBroker start() {
        return start(null);
    }

    /**
     * Starts a broker with the project's access control, as docker-compose runs it: clients log in
     * with a user of {@value #PASSWORDS}, and {@value #ACL} says who may publish and subscribe where.
     */
    public static TestBroker startWithAccessControl() {
        Path root = LocalFiles.reactorRoot();
        return start(new AccessControl(root.resolve(ACL), root.resolve(PASSWORDS)));
    }

    /** The ACL and password files to install next to the broker's config; null lets anyone in. */
    record AccessControl(Path aclFile, Path passwordFile) {
        /** The config lines, with the files in {@code dir} (where the engine put them). */
        String configLines(String dir) {
            return "allow_anonymous false\npassword_file " + dir + "/aicity.passwd\nacl_file " + dir + "/aicity.acl\n";
        }
    }

    private static TestBroker start(AccessControl access) {
        Path configFile = LocalFiles.reactorRoot().resolve(CONFIG);
        String projectConfig;
        try {
            projectConfig = Files.readString(configFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the broker configuration " + configFile, e);
        }
        Engine engine;
        if (Backend.choose() == Backend.DOCKER) {
            engine = MosquittoContainer.launch(projectConfig, access);
        } else {
            Path binary = findMosquitto().orElseThrow(() -> new IllegalStateException(
                "TestBroker needs a Docker engine or the mosquitto binary, and found neither. "
                    + "Install the Debian package 'mosquitto' (apt-get install -y mosquitto; .ci/run does this) "
                    + "or start a Docker engine."));
            engine = MosquittoProcess.launch(binary, projectConfig, access);
        }
        TestBroker broker = new TestBroker(engine);
        LOG.info("TestBroker: {} on {} with config {}{}", engine.describe(), broker.url(), CONFIG,
            access == null ? ", anonymous clients allowed" : ", " + ACL + " and " + PASSWORDS);
        return broker;
    }

    /** The broker's URL for Paho, e.g. {@code tcp://127.0.0.1:40123}. */
    public String url() {
        return "tcp://" + engine.host() + ":" + engine.port();
    }

    public String host() {
        return engine.host();
    }

    public int port() {
        return engine.port();
    }

    /** Stops the broker gracefully (it saves its persistence file); the port stays reserved for {@link #restart()}. */
    public void stop() {
        engine.stop();
        LOG.info("TestBroker: stopped {}", url());
    }

    /** Stops the broker if it runs and starts it again on the same port with the same persistence. */
    public void restart() {
        engine.stop();
        engine.start();
        LOG.info("TestBroker: restarted {} on {}", engine.describe(), url());
    }

    /** Ends the broker for good and removes its files. */
    @Override
    public void close() {
        engine.close();
    }

    static Optional<Path> findMosquitto() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, "mosquitto"));
                }
            }
        }
        // Debian installs the broker in sbin, which is not on a normal user's PATH.
        for (String p : List.of("/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto", "/opt/homebrew/sbin/mosquitto",
            "/usr/local/opt/mosquitto/sbin/mosquitto")) {
            candidates.add(Path.of(p));
        }
        return candidates.stream().filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
    }

    /** What actually runs the broker. */
    interface Engine {
        String host();

        int port();

        /** Starts a stopped broker on the same port; a no-op when it runs. */
        void start();

        /** Stops gracefully; a no-op when stopped. */
        void stop();

        void close();

        /** For the log: what runs, e.g. "mosquitto child process (pid 123)". */
        String describe();
    }
}
