package org.aicity.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Small file, socket and reactor-layout chores shared by the local backends (ports: {@link TestPorts}). */
final class LocalFiles {

    private LocalFiles() {
    }

    /** The reactor root: the nearest directory at or above user.dir that holds {@code mvnw}. */
    static Path reactorRoot() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the project root (a directory holding mvnw) at or above " + start
            + ": run this from the project's folder (or below it), where the broker's config and the built jars are");
    }

    static boolean accepts(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Polls until the port accepts a TCP connection. Polling is the only way to learn this about
     * a foreign process; {@code stillAlive} cuts the wait short when the process has died.
     */
    static boolean awaitAccepting(String host, int port, Duration timeout, BooleanSupplier stillAlive) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (accepts(host, port)) {
                return true;
            }
            if (!stillAlive.getAsBoolean()) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no output)";
            }
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // leftovers in the temp directory do no harm to the next run
        }
    }
}
