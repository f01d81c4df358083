package org.aicity.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The platform's Flyway migrations, which own the schema the job writes to, read from the same working tree. */
public final class PlatformMigrations {

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
}
