package org.aicity.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A standalone Flink session cluster of two JVMs, started the way Flink's {@code jobmanager.sh} and
 * {@code taskmanager.sh} start them: a JobManager ({@code StandaloneSessionClusterEntrypoint}) and
 * one TaskManager ({@code TaskManagerRunner}) with two slots, both reading a {@code config.yaml}
 * written here, with JVM memory flags derived from it by Flink's own memory model, on free loopback
 * ports. Jobs are submitted with Flink's CLI ({@code flink run}) in a third, short-lived JVM.
 *
 * <p>Everything lives under one work directory: {@code conf/}, {@code log/} (one file per process),
 * {@code checkpoints/} and {@code tmp/}. {@link #close()} cancels running jobs and ends both JVMs,
 * SIGKILL if SIGTERM is not enough; a shutdown hook does the same if the test JVM is stopped first.
 */
final class FlinkCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlinkCluster.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JOB_ID = Pattern.compile("Job has been submitted with JobID ([0-9a-f]{32})");

    private final Path work;
    private final String classpath;
    private final URI rest;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> processes = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::killAll, "flink-cluster-cleanup");
    private Process jobManager;
    private Process taskManager;
    private List<String> clientJvmOptions = List.of();

    private FlinkCluster(Path work, String classpath, URI rest) {
        this.work = work;
        this.classpath = classpath;
        this.rest = rest;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Writes the configuration, starts the JobManager and the TaskManager at once (the TaskManager
     * retries until the JobManager answers), and waits until the cluster offers both slots.
     */
    static FlinkCluster start(Path work, List<Path> classpath, Duration timeout) throws Exception {
        Path conf = Files.createDirectories(work.resolve("conf"));
        Files.createDirectories(work.resolve("log"));
        Files.createDirectories(work.resolve("tmp"));
        Path checkpoints = Files.createDirectories(work.resolve("checkpoints"));
        int restPort = freePort();
        int rpcPort = freePort();
        Files.writeString(conf.resolve("config.yaml"), config(restPort, rpcPort, checkpoints, work.resolve("tmp")));
        Files.writeString(conf.resolve("log4j.properties"), LOG4J_FILE);
        Files.writeString(conf.resolve("log4j-cli.properties"), LOG4J_CONSOLE);

        FlinkCluster cluster = new FlinkCluster(work, FlinkClasspath.join(classpath), URI.create("http://localhost:" + restPort));
        long started = System.nanoTime();
        try {
            Configuration flink = GlobalConfiguration.loadConfiguration(conf.toString());
            JobManagerProcessSpec jm = JobManagerProcessUtils.processSpecFromConfig(flink);
            cluster.jobManager = cluster.launch("jobmanager", "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                JobManagerProcessUtils.generateJvmParametersStr(jm, flink), JobManagerProcessUtils.generateDynamicConfigsStr(jm),
                jvmOptions(flink, CoreOptions.FLINK_DEFAULT_JM_JVM_OPTIONS, CoreOptions.FLINK_JM_JVM_OPTIONS));
            TaskExecutorProcessSpec tm = TaskExecutorProcessUtils.processSpecFromConfig(flink);
            cluster.taskManager = cluster.launch("taskmanager", "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                ProcessMemoryUtils.generateJvmParametersStr(tm), TaskExecutorProcessUtils.generateDynamicConfigsStr(tm),
                jvmOptions(flink, CoreOptions.FLINK_DEFAULT_TM_JVM_OPTIONS, CoreOptions.FLINK_TM_JVM_OPTIONS));
            cluster.clientJvmOptions = jvmOptions(flink, null, CoreOptions.FLINK_CLI_JVM_OPTIONS);
            cluster.await("two task slots registered", timeout, () -> {
                JsonNode overview = cluster.getOrNull("/overview");
                return overview != null && overview.path("slots-total").asInt() == 2;
            });
            LOG.info("Flink cluster up in {} ms: JobManager pid {} (REST {}), TaskManager pid {}, 2 slots; config, logs and "
                    + "checkpoints in {}", (System.nanoTime() - started) / 1_000_000, cluster.jobManager.pid(), cluster.rest,
                cluster.taskManager.pid(), work);
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * Small enough to share a 2-core machine with the rest of the tests. The hashmap state backend
     * needs no managed memory, so the TaskManager's goes to the task heap instead. Checkpoints go to
     * a file system: the JobManager's memory refuses state above 5 MB, and while checkpoints fail
     * the job acknowledges nothing to the broker.
     */
    private static String config(int restPort, int rpcPort, Path checkpoints, Path tmp) {
        return """
            jobmanager.rpc.address: localhost
            jobmanager.bind-host: localhost
            jobmanager.rpc.port: %d
            rest.address: localhost
            rest.bind-address: localhost
            rest.port: %d
            taskmanager.host: localhost
            taskmanager.bind-host: localhost
            taskmanager.numberOfTaskSlots: 2
            jobmanager.memory.process.size: 768m
            taskmanager.memory.process.size: 1g
            taskmanager.memory.managed.size: 32m
            execution.checkpointing.storage: filesystem
            execution.checkpointing.dir: %s
            execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
            metrics.fetcher.update-interval: 1 s
            io.tmp.dirs: %s
            web.tmpdir: %s
            env.java.default-opts.all: %s
            """.formatted(rpcPort, restPort, checkpoints.toUri(), tmp, tmp, JAVA_17_OPTIONS);
    }

    /**
     * What a distribution's {@code conf/config.yaml} sets for Java 17, and its scripts pass to every
     * Flink JVM: Flink reflects into these JDK packages (without them, {@code flink run} fails with
     * "module java.base does not opens java.util").
     */
    private static final String JAVA_17_OPTIONS = String.join(" ",
        "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED", "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED", "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED", "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.text=ALL-UNNAMED",
        "--add-opens=java.base/java.time=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    /**
     * The JVM options the scripts take from the configuration: the defaults for all, the process's
     * defaults (none for the CLI), the options for all, the process's own.
     */
    private static List<String> jvmOptions(Configuration flink, ConfigOption<String> defaults, ConfigOption<String> own) {
        List<String> options = new ArrayList<>();
        for (ConfigOption<String> o : Arrays.asList(CoreOptions.FLINK_DEFAULT_JVM_OPTIONS, defaults, CoreOptions.FLINK_JVM_OPTIONS, own)) {
            String value = o == null ? null : flink.get(o);
            if (value != null && !value.isBlank()) {
                options.addAll(Arrays.asList(value.trim().split("\\s+")));
            }
        }
        return options;
    }

    private Process launch(String name, String mainClass, String jvmMemoryFlags, String dynamicConfigs, List<String> jvmOptions)
        throws IOException {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(Arrays.asList(jvmMemoryFlags.trim().split("\\s+")));
        command.addAll(jvmOptions);
        // as the fault tests' job JVM: less CPU for the JIT and GC on a shared 2-core machine
        command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Dlog.file=" + work.resolve("log/" + name + ".log"),
            "-Dlog4j.configurationFile=" + work.resolve("conf/log4j.properties").toUri(),
            "-cp", classpath, mainClass, "--configDir", work.resolve("conf").toString()));
        command.addAll(Arrays.asList(dynamicConfigs.trim().split("\\s+")));
        Process p = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("log/" + name + ".out").toFile())
            .start();
        processes.add(p);
        LOG.info("started the Flink {} (pid {}): {} {}", name, p.pid(), mainClass, jvmMemoryFlags.trim());
        return p;
    }

    /**
     * {@code flink run -m <rest> -p <parallelism> -d <jar> <args>}: Flink's CLI in a JVM of its own,
     * which runs the jar's main method, builds the job graph and submits it with the jar through the
     * REST API; returns the job id.
     */
    String submit(Path jar, int parallelism, List<String> programArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m"));
        command.addAll(clientJvmOptions);
        command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Dlog4j.configurationFile=" + work.resolve("conf/log4j-cli.properties").toUri(),
            "-cp", classpath, "org.apache.flink.client.cli.CliFrontend",
            "run", "-m", rest.getHost() + ":" + rest.getPort(), "-p", Integer.toString(parallelism), "-d", jar.toString()));
        command.addAll(programArgs);
        Path log = work.resolve("log/flink-run.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("FLINK_CONF_DIR", work.resolve("conf").toString());
        // arguments win over the job's environment variables, but an unrelated MQTT_URL here must not fill a gap
        env.keySet().removeIf(k -> k.startsWith("MQTT_") || k.startsWith("JDBC_") || k.equals("CITY"));
        LOG.info("flink run -m {}:{} -p {} -d {} {}", rest.getHost(), rest.getPort(), parallelism, jar.getFileName(),
            String.join(" ", programArgs).replaceAll("(--[a-z-]*password) \\S+", "$1 ***"));
        Process client = builder.start();
        processes.add(client);
        if (!client.waitFor(90, TimeUnit.SECONDS)) {
            client.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("flink run did not return within 90 s; see " + log);
        }
        processes.remove(client);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Matcher m = JOB_ID.matcher(output);
        if (client.exitValue() != 0 || !m.find()) {
            throw new IllegalStateException("flink run failed (exit " + client.exitValue() + "); see " + log + ":\n" + output);
        }
        return m.group(1);
    }

    /** Waits until the job and every one of its tasks run. */
    void awaitRunning(String jobId, Duration timeout) throws InterruptedException {
        await("job " + jobId + " and all its tasks RUNNING", timeout, () -> {
            JsonNode job = getOrNull("/jobs/" + jobId);
            if (job == null) {
                return false;
            }
            String state = job.path("state").asText();
            if (state.equals("FAILED") || state.equals("CANCELED") || state.equals("FINISHED")) {
                throw new IllegalStateException("job " + jobId + " is " + state + "; see " + work.resolve("log"));
            }
            for (JsonNode v : job.path("vertices")) {
                if (!v.path("status").asText().equals("RUNNING")) {
                    return false;
                }
            }
            return state.equals("RUNNING") && !job.path("vertices").isEmpty();
        });
    }

    /** A REST resource of the JobManager, e.g. {@code /jobs/<id>}. */
    JsonNode get(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + rest.resolve(path), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Null while the JobManager's REST endpoint is not up, not leading yet, or does not know the
     * resource yet. While it starts, the endpoint may also accept a connection and close it without
     * an answer ("header parser received no bytes"): that is "not up yet" too; the caller's
     * deadline and the process liveness check catch a JobManager that never comes up.
     */
    private JsonNode getOrNull(String path) throws IOException, InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The vertex whose name matches, from the job's details. */
    JsonNode vertex(String jobId, Predicate<String> name) {
        for (JsonNode v : get("/jobs/" + jobId).path("vertices")) {
            if (name.test(v.path("name").asText())) {
                return get("/jobs/" + jobId + "/vertices/" + v.path("id").asText());
            }
        }
        throw new IllegalStateException("job " + jobId + " has no such vertex");
    }

    URI restUrl() {
        return rest;
    }

    long taskManagerPid() {
        return taskManager.pid();
    }

    long jobManagerPid() {
        return jobManager.pid();
    }

    /** Whether the JobManager or the TaskManager JVM has ended, which the test should report. */
    void assertAlive() {
        for (Process p : List.of(jobManager, taskManager)) {
            if (!p.isAlive()) {
                throw new IllegalStateException("a Flink JVM (pid " + p.pid() + ") ended with " + p.exitValue()
                    + "; see " + work.resolve("log"));
            }
        }
    }

    /** Cancels every job that still runs, then ends the TaskManager and the JobManager. */
    @Override
    public void close() throws InterruptedException {
        try {
            if (jobManager != null && jobManager.isAlive()) {
                cancelRunningJobs();
            }
        } catch (RuntimeException e) {
            LOG.warn("could not cancel the cluster's jobs before stopping it: {}", e.toString());
        }
        for (int i = processes.size() - 1; i >= 0; i--) { // the TaskManager first, as stop-cluster.sh does
            stop(processes.get(i));
        }
        processes.clear();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already; the hook runs anyway
        }
    }

    private void cancelRunningJobs() throws InterruptedException {
        for (JsonNode job : get("/jobs").path("jobs")) {
            if (job.path("status").asText().equals("RUNNING")) {
                String id = job.path("id").asText();
                try {
                    http.send(HttpRequest.newBuilder(rest.resolve("/jobs/" + id + "?mode=cancel"))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.discarding());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                await("job " + id + " cancelled", Duration.ofSeconds(30),
                    () -> get("/jobs/" + id).path("state").asText().equals("CANCELED"));
                LOG.info("cancelled job {}", id);
            }
        }
    }

    /** SIGTERM (Flink's own shutdown), then SIGKILL after 20 s. */
    private static void stop(Process p) throws InterruptedException {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            LOG.warn("pid {} ignored SIGTERM for 20 s; SIGKILL", p.pid());
            p.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
        if (p.isAlive()) {
            throw new IllegalStateException("pid " + p.pid() + " survived SIGKILL");
        }
    }

    private void killAll() {
        for (Process p : processes) {
            p.destroyForcibly();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        return org.aicity.testkit.TestPorts.free();
    }

    private interface Check {
        boolean done() throws Exception;
    }

    private void await(String what, Duration timeout, Check check) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (check.done()) {
                    return;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("while waiting for " + what + ": " + e.getMessage(), e);
            }
            if (jobManager != null) {
                assertAlive();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + what + " within " + timeout.toSeconds() + " s; see " + work.resolve("log"));
            }
            Thread.sleep(250);
        }
    }

    /** The JobManager and TaskManager log to {@code log/<name>.log}, as a distribution does. */
    private static final String LOG4J_FILE = """
        rootLogger.level = INFO
        rootLogger.appenderRef.file.ref = file
        appender.file.type = File
        appender.file.name = file
        appender.file.fileName = ${sys:log.file}
        appender.file.layout.type = PatternLayout
        appender.file.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n
        logger.netty.name = org.apache.flink.shaded.netty4
        logger.netty.level = WARN
        """;

    /** The CLI logs to its output, which the test keeps in {@code log/flink-run.log}. */
    private static final String LOG4J_CONSOLE = """
        rootLogger.level = INFO
        rootLogger.appenderRef.out.ref = out
        appender.out.type = Console
        appender.out.name = out
        appender.out.layout.type = PatternLayout
        appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n
        """;
}
