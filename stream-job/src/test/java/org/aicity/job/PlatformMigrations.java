package org.aicity.job;

import org.aicity.testkit.TestDatabase;

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

/** The platform's Flyway migrations, which own the schema the job writes to, read from the same working tree. */
public final class PlatformMigrations {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.*\\.sql");

    private PlatformMigrations() {
    }

    /** The folder of the migration scripts. */
    public static Path directory() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("platform"))) {
                return p.resolve("platform/src/main/resources/db/migration");
            }
        }
        throw new IllegalStateException("run the tests inside the project: no directory above has mvnw and platform/");
    }

    /** One script's SQL, e.g. {@code V1__core_schema.sql}. */
    public static String read(String script) throws IOException {
        return Files.readString(directory().resolve(script));
    }

    /** Runs one script, e.g. {@code V1__core_schema.sql} (the core tables only), on the database. */
    public static void apply(TestDatabase db, String script) throws IOException, SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(read(script));
        }
    }

    /** Runs every versioned script, in version order, as plain SQL: the schema Flyway would make. */
    public static void applyAll(TestDatabase db) throws IOException, SQLException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(directory())) {
            scripts = files.filter(p -> VERSIONED.matcher(p.getFileName().toString()).matches())
                .sorted(Comparator.comparingInt(PlatformMigrations::version)).toList();
        }
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (Path script : scripts) {
                s.execute(Files.readString(script));
            }
        }
    }

    private static int version(Path script) {
        Matcher m = VERSIONED.matcher(script.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(script + " is not a versioned migration");
        }
        return Integer.parseInt(m.group(1));
    }
}
