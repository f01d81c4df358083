package org.aicity.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Finding the project's folder from where a tool was started, and saying what to do when it is not there. */
class LocalFilesTest {

    @TempDir
    Path dir;

    @Test
    void findsTheFolderHoldingMvnwAtOrAboveTheWorkingDirectory() throws Exception {
        Files.createFile(dir.resolve("mvnw"));
        Path below = Files.createDirectories(dir.resolve("benchmark/results"));
        assertThat(withUserDir(below)).isEqualTo(dir.toAbsolutePath());
        assertThat(withUserDir(dir)).isEqualTo(dir.toAbsolutePath());
    }

    @Test
    void outsideTheProjectTheErrorSaysWhereToRunFrom() {
        assertThatThrownBy(() -> withUserDir(dir))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("at or above " + dir.toAbsolutePath())
            .hasMessageContaining("run this from the project's folder");
    }

    private static Path withUserDir(Path where) {
        String before = System.getProperty("user.dir");
        System.setProperty("user.dir", where.toString());
        try {
            return LocalFiles.reactorRoot();
        } finally {
            System.setProperty("user.dir", before);
        }
    }
}
