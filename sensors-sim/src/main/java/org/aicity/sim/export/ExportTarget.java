package org.aicity.sim.export;

import java.nio.file.Path;
import java.util.Objects;

/** Where and how readings are exported. */
public record ExportTarget(Path file, ExportFormat format) {
    public ExportTarget {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
    }

    /** The format implied by the file name. */
    public static ExportTarget of(Path file) {
        return new ExportTarget(file, ExportFormat.of(file));
    }
}
