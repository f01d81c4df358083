package org.aicity.faults;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The class path of a standalone Flink cluster, taken from the test's own class path: Flink's jars
 * and their dependencies, as a distribution's {@code lib/} holds them (flink-dist is not published to
 * Maven Central, its parts are).
 *
 * <p>The job's classes must come only from the submitted jar, as on a real cluster; a copy on the
 * cluster's class path would hide a jar that lacks a class. So three kinds of entries are left out:
 * the project's modules (anything inside the reactor: {@code target/classes} or a module's jar),
 * every jar holding a class in a package the job jar bundles (Paho, pgjdbc, Jackson, ...), and the
 * test's own tooling.
 */
final class FlinkClasspath {

    /** Test tooling that no Flink process needs; harmless there, but a cluster has none of it. */
    private static final List<String> TEST_TOOLING = List.of(
        "/org/junit/", "/org/opentest4j/", "/org/apiguardian/", "/org/assertj/", "/net/bytebuddy/",
        "/org/testcontainers/", "/com/github/docker-java/", "/org/rnorth/", "/net/java/dev/jna/", "/io/zonky/");

    private FlinkClasspath() {
    }

    /** The cluster's class path, with {@code jobJar}'s packages left out. */
    static List<Path> of(Path jobJar) {
        Set<String> jobPackages = packagesIn(jobJar);
        Path reactor = LocalDirs.reactorRoot();
        List<Path> kept = new ArrayList<>();
        for (String entry : testClasspath().split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path p = Path.of(entry).toAbsolutePath().normalize();
            String unix = p.toString().replace(File.separatorChar, '/');
            if (!Files.isRegularFile(p) || isModuleOutput(reactor, p) || TEST_TOOLING.stream().anyMatch(unix::contains)) {
                continue;
            }
            if (packagesIn(p).stream().noneMatch(jobPackages::contains)) {
                kept.add(p);
            }
        }
        check(kept);
        return List.copyOf(kept);
    }

    /** A module's build output: {@code <reactor>/<module>/target/...} (not a Maven repository kept inside the project). */
    private static boolean isModuleOutput(Path reactor, Path p) {
        if (!p.startsWith(reactor)) {
            return false;
        }
        Path relative = reactor.relativize(p);
        return relative.getNameCount() > 2 && relative.getName(1).toString().equals("target");
    }

    /** Surefire and failsafe run tests from a manifest-only jar; the real class path is in this property. */
    static String testClasspath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    /** Flink's entry points are there; the job's classes and drivers are not. */
    private static void check(List<Path> classpath) {
        URL[] urls = classpath.stream().map(FlinkClasspath::url).toArray(URL[]::new);
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            for (String needed : List.of("org/apache/flink/runtime/entrypoint/StandaloneSessionClusterEntrypoint.class",
                "org/apache/flink/runtime/taskexecutor/TaskManagerRunner.class", "org/apache/flink/client/cli/CliFrontend.class",
                "org/apache/logging/slf4j/Log4jLoggerFactory.class")) {
                if (loader.findResource(needed) == null) {
                    throw new IllegalStateException("the Flink class path lacks " + needed + "; fault-tests must depend on "
                        + "flink-clients, flink-streaming-java and log4j-slf4j2-impl: " + classpath);
                }
            }
            for (String jobOnly : List.of("org/aicity/job/StreamJob.class", "org/eclipse/paho/mqttv5/client/MqttClient.class",
                "org/postgresql/Driver.class")) {
                if (loader.findResource(jobOnly) != null) {
                    throw new IllegalStateException("the Flink class path holds " + jobOnly + " from " + loader.findResource(jobOnly)
                        + ", which must come from the job jar alone");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> packagesIn(Path jar) {
        Set<String> packages = new HashSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                int slash = name.lastIndexOf('/');
                if (name.endsWith(".class") && slash > 0 && !name.startsWith("META-INF/")) {
                    packages.add(name.substring(0, slash));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
        return packages;
    }

    private static URL url(Path p) {
        try {
            return p.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String join(List<Path> classpath) {
        return String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList());
    }
}
