package org.aicity.sim.export;

import org.aicity.model.Reading;
import org.aicity.model.ReadingCodec;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes readings to an export file in the order they are given. Not thread-safe. */
public final class ReadingExport implements AutoCloseable {

    private static final byte[] CSV_HEADER = "timestamp,sensorId,metric,value\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final ExportFormat format;
    private final ReadingCodec codec = new ReadingCodec();
    private final StringBuilder row = new StringBuilder(96);
    private long readings;

    private ReadingExport(OutputStream out, ExportFormat format) throws IOException {
        this.out = out;
        this.format = format;
        if (format == ExportFormat.CSV) {
            out.write(CSV_HEADER);
        }
    }

    public static ReadingExport create(ExportTarget target) throws IOException {
        Path parent = target.file().toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new ReadingExport(new BufferedOutputStream(Files.newOutputStream(target.file()), 1 << 16), target.format());
    }

    public void write(Reading r) {
        try {
            if (format == ExportFormat.JSONL) {
                out.write(codec.encode(r));
                out.write('\n');
            } else {
                String ts = r.ts().toString();
                for (Map.Entry<String, Double> m : r.metrics().entrySet()) {
                    row.setLength(0);
                    row.append(ts).append(',').append(r.sensorId()).append(',').append(m.getKey()).append(',');
                    double v = m.getValue();
                    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                        row.append((long) v);
                    } else {
                        row.append(v);
                    }
                    row.append('\n');
                    out.write(row.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
            readings++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export file", e);
        }
    }

    public long readings() {
        return readings;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
