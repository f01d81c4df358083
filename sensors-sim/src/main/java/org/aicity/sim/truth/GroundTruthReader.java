package org.aicity.sim.truth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a ground-truth file (JSON lines); blank lines are skipped, a bad line fails with its line number. */
public final class GroundTruthReader {

    private GroundTruthReader() {
    }

    public static List<GroundTruthEvent> read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString());
        }
    }

    /** One line, as written by the simulator. */
    public static GroundTruthEvent parseLine(String line) {
        return GroundTruthJson.decode(line);
    }

    public static List<GroundTruthEvent> read(Reader reader, String source) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<GroundTruthEvent> events = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                events.add(GroundTruthJson.decode(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " line " + number + ": " + e.getMessage(), e);
            }
        }
        return events;
    }

    static List<GroundTruthEvent> read(String text) {
        try {
            return read(new StringReader(text), "text");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
