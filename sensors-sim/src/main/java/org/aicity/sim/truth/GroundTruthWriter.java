package org.aicity.sim.truth;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Appends ground-truth lines to a file, replacing what it held. Each line is flushed as it is
 * written, so a scorer can follow an unbounded run and a killed run leaves whole lines.
 * Thread-safe.
 */
public final class GroundTruthWriter implements AutoCloseable {

    private final BufferedWriter out;
    private long written;

    private GroundTruthWriter(BufferedWriter out) {
        this.out = out;
    }

    public static GroundTruthWriter create(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new GroundTruthWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    public synchronized void write(GroundTruthEvent e) {
        try {
            out.write(GroundTruthJson.encode(e));
            out.newLine();
            out.flush();
            written++;
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the ground-truth file", ex);
        }
    }

    public synchronized long written() {
        return written;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
