package org.aicity.job.replay;

import java.util.Locale;

/** The three input formats, told apart by the first line of the file. */
public enum ReplayFormat {
    /** The simulator's CSV export: {@code timestamp,sensorId,metric,value}, one metric per row. */
    READINGS_CSV,
    /** The simulator's JSON-lines export: one wire-format reading ({@code sensorId, ts, seq, metrics}) per line. */
    READINGS_JSONL,
    /** A single series: {@code timestamp,value}. */
    SERIES_CSV;

    /**
     * The format of a file from its first line: a JSON object, a CSV header, or a data row (a CSV
     * without header: two columns are a series, four are readings).
     */
    public static ReplayFormat detect(String firstLine) {
        String line = firstLine == null ? "" : firstLine.strip();
        if (line.startsWith("{") || line.startsWith("[")) {
            return READINGS_JSONL;
        }
        String[] cells = line.split(",", -1);
        if (cells.length == 4) {
            return READINGS_CSV;
        }
        if (cells.length == 2) {
            return SERIES_CSV;
        }
        throw new IllegalArgumentException("cannot tell the input format from its first line '" + abbreviate(line)
            + "': expected a JSON reading, timestamp,sensorId,metric,value or timestamp,value");
    }

    /** Whether a first line is a CSV header rather than data. */
    static boolean isHeader(String firstLine) {
        String lower = firstLine.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("timestamp,") || lower.startsWith("ts,") || lower.startsWith("time,");
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
