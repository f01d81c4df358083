package org.aicity.job.replay;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the input file line by line, one line per line number it is given. Fed by a number
 * sequence source of the file's line count at parallelism 1, which hands out the numbers in
 * order; that keeps the file's order (and so the event-time order a watermark relies on) without
 * holding the file in memory. Not for a checkpointed job: a restore would not reposition the reader.
 */
final class ReadLines extends RichFlatMapFunction<Long, ReplayRow> {

    private final String file;
    private final ReplayLineParser parser;
    private final RefusedLines refused;

    private transient BufferedReader reader;
    private transient long lineNumber;

    ReadLines(Path file, ReplayLineParser parser, RefusedLines refused) {
        this.file = file.toAbsolutePath().toString();
        this.parser = parser;
        this.refused = refused;
    }

    @Override
    public void open(OpenContext ctx) throws IOException {
        if (getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks() != 1) {
            throw new IllegalStateException("the replay reads its file at parallelism 1");
        }
        reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
    }

    @Override
    public void flatMap(Long index, Collector<ReplayRow> out) {
        String line;
        try {
            line = reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (line == null) {
            return;
        }
        lineNumber++;
        try {
            for (ReplayRow r : parser.parse(lineNumber, line)) {
                out.collect(r);
            }
        } catch (IllegalArgumentException e) {
            refused.refuse(lineNumber, e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }

    /** Counts refused lines and keeps the first few reasons; shared in the JVM of a local replay. */
    static final class RefusedLines implements Serializable {
        private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();
        private static final Map<String, List<String>> FIRST = new ConcurrentHashMap<>();

        private final String id;

        RefusedLines(String id) {
            this.id = id;
            COUNTS.put(id, new AtomicLong());
            FIRST.put(id, new CopyOnWriteArrayList<>());
        }

        void refuse(long line, String reason) {
            COUNTS.get(id).incrementAndGet();
            List<String> first = FIRST.get(id);
            if (first.size() < 5) {
                first.add("line " + line + ": " + reason);
            }
        }

        long count() {
            return COUNTS.get(id).get();
        }

        List<String> examples() {
            return List.copyOf(FIRST.get(id));
        }
    }
}
