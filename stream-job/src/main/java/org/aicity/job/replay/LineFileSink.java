package org.aicity.job.replay;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one line per element to one file (replaced at start), for a local replay at
 * parallelism 1: a second writer would overwrite the first, so it is refused.
 *
 * @param header the first line, or null for none
 */
record LineFileSink<T>(String file, String header, SerializableFunction<T, String> format) implements Sink<T> {

    static <T> LineFileSink<T> of(Path file, String header, SerializableFunction<T, String> format) {
        return new LineFileSink<>(file.toAbsolutePath().toString(), header, format);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        if (context.getTaskInfo().getNumberOfParallelSubtasks() != 1) {
            throw new IllegalStateException("a file sink of the replay runs at parallelism 1, not "
                + context.getTaskInfo().getNumberOfParallelSubtasks());
        }
        Path path = Path.of(file);
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        if (header != null) {
            out.write(header);
            out.newLine();
        }
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) throws IOException {
                out.write(format.apply(element));
                out.newLine();
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }
}
