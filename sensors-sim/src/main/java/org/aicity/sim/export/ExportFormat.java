package org.aicity.sim.export;

import java.nio.file.Path;
import java.util.Locale;

/** The file formats readings can be exported to. */
public enum ExportFormat {
    /** A header {@code timestamp,sensorId,metric,value}, then one row per metric of a reading; no seq. */
    CSV,
    /** One reading per line in the wire format ({@code sensorId}, {@code ts}, {@code seq}, {@code metrics}). */
    JSONL;

    /** The format a file name implies: {@code .csv} is CSV, {@code .jsonl}/{@code .ndjson}/{@code .json} JSON lines. */
    public static ExportFormat of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return JSONL;
        }
        throw new IllegalArgumentException("cannot tell the export format of '" + file
            + "'; name it *.csv or *.jsonl, or give the format");
    }
}
