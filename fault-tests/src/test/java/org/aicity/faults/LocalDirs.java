package org.aicity.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The reactor root and directory chores. */
final class LocalDirs {

    private LocalDirs() {
    }

    /** The schema is owned by the platform module; the tests read it from the same working tree. */
    static Path reactorRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("platform"))) {
                return p;
            }
        }
        throw new IllegalStateException("run the tests inside the project: no directory above has mvnw and platform/");
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
