package org.aicity.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The stream job in a child JVM ({@link FaultJob}), with the test's classpath. Its output goes to a
 * log file; its checkpoints to a directory the test can read.
 */
final class JobProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private JobProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the job.
     *
     * @param restoreFrom a retained checkpoint ({@code .../chk-N}) to restore from, or null
     */
    static JobProcess start(Path checkpoints, Path log, Path restoreFrom, List<String> jobArgs) {
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-cp", testClasspath(),
            FaultJob.class.getName(),
            checkpoints.toString(),
            restoreFrom == null ? "-" : restoreFrom.toString()));
        command.addAll(jobArgs);
        try {
            Files.createDirectories(checkpoints);
            Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
            return new JobProcess(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the job's JVM", e);
        }
    }

    /** Surefire runs tests from a manifest-only jar; the real classpath is in this property. */
    private static String testClasspath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no cancellation, no final checkpoint; sockets are closed by the kernel. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the job's JVM (pid " + process.pid() + ") survived SIGKILL for 30 s");
        }
    }

    /** The newest completed checkpoint under the directory: a {@code chk-N} with its {@code _metadata}. */
    static Optional<Path> latestCheckpoint(Path checkpoints) {
        if (!Files.isDirectory(checkpoints)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(checkpoints, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata")
                    && p.getParent().getFileName().toString().startsWith("chk-"))
                .max(Comparator.comparing(JobProcess::modified))
                .map(Path::getParent);
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty(); // Flink deleted an old checkpoint while we walked; ask again
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines of the job's log that contain the text. */
    List<String> logLines(String containing) {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(containing)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path log() {
        return log;
    }

    /** Ends the JVM if it still runs (SIGTERM, then SIGKILL). */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        }
    }
}
