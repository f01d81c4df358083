package org.aicity.platform.embedded;

import com.hivemq.embedded.EmbeddedHiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An MQTT v5 broker in this JVM (HiveMQ Community Edition, embedded), listening on loopback only,
 * with in-memory persistence: sessions and queued messages end with the process.
 *
 * <p>Hazard: this broker stalls a subscriber whose QoS 1 acknowledgements are deferred (as the
 * job's checkpoint-acked source does), so the embedded job acknowledges on receipt.
 */
final class EmbeddedBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final EmbeddedHiveMQ hivemq;
    private final int port;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, int port) {
        this.hivemq = hivemq;
        this.port = port;
    }

    static EmbeddedBroker start(WorkDirectory work, int port) {
        Path root = work.emptyFolder("broker");
        Path conf = root.resolve("conf");
        Path data = root.resolve("data");
        Path extensions = root.resolve("extensions");
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(conf);
            Files.createDirectories(data);
            Files.createDirectories(extensions);
            Files.writeString(conf.resolve("config.xml"), config(port));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded broker's folders under " + root, e);
        }
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
            .withConfigurationFolder(conf)
            .withDataFolder(data)
            .withExtensionsFolder(extensions)
            // keep Spring Boot's logging configuration
            .withoutLoggingBootstrap()
            .build();
        try {
            hivemq.start().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded MQTT broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the embedded MQTT broker did not start on port " + port, e);
        }
        EmbeddedBroker broker = new EmbeddedBroker(hivemq, port);
        log.info("Embedded MQTT v5 broker (HiveMQ CE) ready at {} in {} ms", broker.url(), (System.nanoTime() - t0) / 1_000_000);
        return broker;
    }

    /**
     * Loopback only; no usage statistics leave the machine; queues large enough that a job
     * restarting on its persistent session does not lose what the simulator sent meanwhile.
     */
    static String config(int port) {
        return """
            <?xml version="1.0"?>
            <hivemq>
                <listeners>
                    <tcp-listener>
                        <port>%d</port>
                        <bind-address>127.0.0.1</bind-address>
                    </tcp-listener>
                </listeners>
                <mqtt>
                    <queued-messages>
                        <max-queue-size>1000000</max-queue-size>
                    </queued-messages>
                </mqtt>
                <persistence>
                    <mode>in-memory</mode>
                </persistence>
                <anonymous-usage-statistics>
                    <enabled>false</enabled>
                </anonymous-usage-statistics>
            </hivemq>
            """.formatted(port);
    }

    int port() {
        return port;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        log.info("Stopping the embedded MQTT broker on port {}", port);
        hivemq.stop().get(30, TimeUnit.SECONDS);
        hivemq.close();
    }
}
