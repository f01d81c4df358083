package org.aicity.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the tests' own servers (broker, database, Flink), chosen below the range the kernel
 * takes local ports of outgoing connections from.
 *
 * <p>Why: a test that stops a server and starts it again on the same port (a broker restart, a
 * database outage) must find the port still free. A port from the ephemeral range can meanwhile
 * become the local end of any outgoing connection, and a client that keeps reconnecting to the
 * stopped server can even be handed that very port and connect to itself (TCP's simultaneous
 * open), holding it for good. Below the range neither can happen. Where the range cannot be read
 * (not Linux), the kernel's own choice of a free port is used.
 */
public final class TestPorts {

    /** Lowest port handed out: above the well-known and most registered services' ports. */
    static final int LOWEST = 20_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    private TestPorts() {
    }

    /** A loopback port that was free a moment ago; the caller must still cope with losing a race. */
    public static int free() {
        int below = ephemeralLow(EPHEMERAL_RANGE);
        if (below - LOWEST >= 1_000) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int attempt = 0; attempt < 200; attempt++) {
                int port = random.nextInt(LOWEST, below);
                if (bindable(port)) {
                    return port;
                }
            }
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    /** The first port of the kernel's ephemeral range, or -1 where the file is missing or unreadable. */
    static int ephemeralLow(Path rangeFile) {
        try {
            String[] bounds = Files.readString(rangeFile).trim().split("\\s+");
            return Integer.parseInt(bounds[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
