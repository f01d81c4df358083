package org.aicity.faults;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The platform's Flyway migrations, in version order, run as plain SQL on an empty database: the
 * tests need the schema, not Flyway. Every script runs, so the schema is the latest one (since V11
 * {@code reading} holds one row per reading, its metrics in {@code metric_values}, named by {@code metric_set}).
 */
final class PlatformSchema {

    private static final Pattern VERSION = Pattern.compile("V(\\d+)(?:_(\\d+))?__.*\\.sql");

    private PlatformSchema() {
    }

    static void migrate(DataSource db) throws IOException, SQLException {
        Path dir = LocalDirs.reactorRoot().resolve("platform/src/main/resources/db/migration");
        List<Path> scripts;
        try (Stream<Path> files = Files.list(dir)) {
            scripts = files.filter(p -> VERSION.matcher(p.getFileName().toString()).matches())
                .sorted(Comparator.comparingInt((Path p) -> versionPart(p, 1)).thenComparingInt(p -> versionPart(p, 2)))
                .toList();
        }
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (Path script : scripts) {
                s.execute(Files.readString(script));
            }
        }
    }

    private static int versionPart(Path p, int group) {
        Matcher m = VERSION.matcher(p.getFileName().toString());
        m.matches();
        return m.group(group) == null ? 0 : Integer.parseInt(m.group(group));
    }
}
