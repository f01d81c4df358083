package org.aicity.job.replay;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.IOException;

/** Writes every element to two sinks: the replay's file and the database. */
record TeeSink<T>(Sink<T> first, Sink<T> second) implements Sink<T> {

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        SinkWriter<T> a = first.createWriter(context);
        SinkWriter<T> b = second.createWriter(context);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) throws IOException, InterruptedException {
                a.write(element, ctx);
                b.write(element, ctx);
            }

            @Override
            public void flush(boolean endOfInput) throws IOException, InterruptedException {
                a.flush(endOfInput);
                b.flush(endOfInput);
            }

            @Override
            public void close() throws Exception {
                try (a) {
                    b.close();
                }
            }
        };
    }
}
