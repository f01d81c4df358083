package org.aicity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.aicity.model.mqtt.MqttSocketFactory;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The platform as its own process (the runnable jar, external mode): Flyway migrates the
 * benchmark's database, the stream job runs on a MiniCluster inside it with ack mode CHECKPOINT
 * against the benchmark's Mosquitto, and its API is what "visible" means.
 */
final class PlatformProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PROBE = "{\"probe\":\"is the job subscribed?\"}".getBytes(StandardCharsets.UTF_8);

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PlatformProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * The platform's heap options: {@code -Xmx} alone, or fixed ({@code -Xms} as large, committed
     * and touched at start with {@code -XX:+AlwaysPreTouch}), as a server that has its machine to
     * itself is run. Fixed, G1 neither grows nor gives back the heap during a run, so its pages are
     * backed once. Measured in the thirteenth session (six alternating pairs of 40-s steps at
     * 210,000 readings/s in batches of 100): the platform's CPU per stored reading was lower in
     * every pair, 1.69-2.42 against 1.90-2.69 µs.
     *
     * @param maxHeap e.g. {@code 1g}
     */
    static java.util.List<String> heapOptions(String maxHeap, boolean fixed) {
        return fixed ? java.util.List.of("-Xms" + maxHeap, "-Xmx" + maxHeap, "-XX:+AlwaysPreTouch")
            : java.util.List.of("-Xmx" + maxHeap);
    }

    static PlatformProcess start(Path jar, String jdbcUrl, String user, String password, String mqttUrl,
                                 Map<String, String> jobSettings, Path workDir, java.util.List<String> heapOptions, String javaOptions)
        throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " does not exist: build it first with ./mvnw -q -DskipTests package");
        }
        int port = freePort();
        Files.createDirectories(workDir);
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(javaBinary());
        command.addAll(heapOptions);
        for (String o : javaOptions.trim().split("\\s+")) {
            if (!o.isEmpty()) {
                command.add(o);
            }
        }
        command.addAll(java.util.List.of("-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder pb = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("platform.log").toFile());
        Map<String, String> env = pb.environment();
        env.put("AICITY_MODE", "external");
        env.put("DATABASE_URL", jdbcUrl);
        env.put("DATABASE_USER", user);
        env.put("DATABASE_PASSWORD", password);
        env.put("MQTT_URL", mqttUrl);
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("AICITY_WORK_DIR", workDir.toAbsolutePath().toString());
        env.put("AICITY_JOB_ENABLED", "true");
        env.put("AICITY_SIMULATOR_ENABLED", "false");
        env.put("AICITY_FLINK_REST_PORT", "0");
        env.putAll(jobSettings);
        PlatformProcess p = new PlatformProcess(pb.start(), port);
        p.awaitApi(Duration.ofSeconds(120), workDir.resolve("platform.log"));
        return p;
    }

    long pid() {
        return process.pid();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    private void awaitApi(Duration timeout, Path log) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the platform exited with code " + process.exitValue() + "; see " + log);
            }
            try {
                if (get("/api/v1/status") != null) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            sleep(250);
        }
        throw new IllegalStateException("the platform's API did not answer within " + timeout.toSeconds() + " s; see " + log);
    }

    /** Publishes an invalid probe until it shows as a dead letter: then the job's subscription is live. */
    void awaitJobSubscribed(String mqttUrl, String city, String probeTopic, Duration timeout) throws MqttException, IOException {
        MqttClient probe = new MqttClient(mqttUrl, "bench-probe", new MemoryPersistence());
        try {
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setSocketFactory(new MqttSocketFactory());
            probe.connect(o);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (get("/api/v1/cities/" + city + "/dead-letters/count").path("count").asLong() == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the stream job did not consume from the broker within " + timeout.toSeconds() + " s");
                }
                probe.publish(probeTopic, PROBE, 1, false);
                sleep(300);
            }
        } finally {
            // disconnect first: closing a connected client throws, and that hid why the wait failed
            // ("Client is connected" instead of "the stream job did not consume ...")
            try {
                if (probe.isConnected()) {
                    probe.disconnect();
                }
            } finally {
                probe.close();
            }
        }
    }

    JsonNode get(String path) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

}
