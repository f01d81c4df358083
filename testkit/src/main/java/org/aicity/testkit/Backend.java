package org.aicity.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Decides whether a service runs in a Testcontainers container or as a local child process. */
enum Backend {
    DOCKER, LOCAL;

    static final String MODE_PROPERTY = "aicity.testkit.mode";
    static final String MODE_ENV = "AICITY_TESTKIT_MODE";

    private static final Logger LOG = LoggerFactory.getLogger(Backend.class);
    private static volatile Backend chosen;

    static Backend choose() {
        Backend b = chosen;
        if (b == null) {
            synchronized (Backend.class) {
                if (chosen == null) {
                    chosen = decide();
                    LOG.info(chosen == DOCKER
                        ? "testkit: a Docker engine answers; services run in Testcontainers containers"
                        : "testkit: no Docker engine (or " + MODE_PROPERTY + "=local); services run as local child processes");
                }
                b = chosen;
            }
        }
        return b;
    }

    private static Backend decide() {
        String mode = System.getProperty(MODE_PROPERTY, System.getenv().getOrDefault(MODE_ENV, "auto"))
            .trim().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "local":
                return LOCAL;
            case "docker":
                if (!dockerAnswers()) {
                    throw new IllegalStateException(MODE_PROPERTY + "=docker but no Docker engine answers; "
                        + "start one or use " + MODE_PROPERTY + "=auto");
                }
                return DOCKER;
            case "auto":
                // Testcontainers probes every strategy and logs each failure at ERROR level, which is
                // slow and alarming on machines that simply have no engine; look for a hint first.
                return dockerHinted() && dockerAnswers() ? DOCKER : LOCAL;
            default:
                throw new IllegalArgumentException(MODE_PROPERTY + " must be auto, docker or local, not '" + mode + "'");
        }
    }

    private static boolean dockerHinted() {
        if (System.getenv("DOCKER_HOST") != null || System.getenv("TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE") != null) {
            return true;
        }
        String home = System.getProperty("user.home", "");
        if (Files.isRegularFile(Path.of(home, ".testcontainers.properties"))) {
            return true;
        }
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        for (Path socket : new Path[] {
            Path.of("/var/run/docker.sock"),
            Path.of(home, ".docker", "run", "docker.sock"),
            Path.of(home, ".docker", "desktop", "docker.sock"),
            Path.of(home, ".colima", "default", "docker.sock"),
            runtimeDir == null ? null : Path.of(runtimeDir, "docker.sock"),
            runtimeDir == null ? null : Path.of(runtimeDir, "podman", "podman.sock"),
        }) {
            if (socket != null && Files.exists(socket)) {
                return true;
            }
        }
        return false;
    }

    private static boolean dockerAnswers() {
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            LOG.info("Docker engine not usable ({}); using local processes", e.toString());
            return false;
        }
    }
}
