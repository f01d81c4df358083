package org.aicity.platform.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** The folder under which the embedded services keep their files, one subfolder each. */
final class WorkDirectory {

    private static final Logger log = LoggerFactory.getLogger(WorkDirectory.class);

    private final Path root;

    WorkDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the work directory " + this.root
                + "; set aicity.work-dir (env AICITY_WORK_DIR) to a writable folder", e);
        }
    }

    Path root() {
        return root;
    }

    /** A subfolder, created if missing. */
    Path folder(String name) {
        Path p = root.resolve(name);
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + p, e);
        }
        return p;
    }

    /** A subfolder emptied of what an earlier run left. */
    Path emptyFolder(String name) {
        Path p = root.resolve(name);
        deleteRecursively(p);
        return folder(name);
    }

    static void deleteRecursively(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try {
            Files.walkFileTree(p, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.warn("could not delete {} completely: {}", p, e.toString());
        }
    }
}
