package org.aicity.job.mqtt;

import org.aicity.testkit.TestBroker;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MqttSplitConnection} against a real Mosquitto behind a proxy that swallows the first
 * connection: the TCP connect succeeds but no CONNACK ever comes, as the job's connections saw
 * once after a broker restart (they waited 95 s). The connection must give up on that attempt and
 * connect again, not wait for the broker to drop the socket.
 */
class MqttSplitConnectionTest {

    private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void aConnectAttemptWithoutAnswerIsDroppedAndRetried() throws Exception {
        TestBroker broker = TestBroker.start();
        resources.add(broker);
        SilentFirstProxy proxy = new SilentFirstProxy(broker.port());
        resources.add(proxy);
        MqttSourceSettings settings = new MqttSourceSettings("tcp://127.0.0.1:" + proxy.port(), "city/+/+/+", "watchdog-test",
            null, null, AckMode.RECEIPT, "watchdog", Duration.ofMinutes(5), 100, Duration.ofSeconds(30), Duration.ofSeconds(1),
            Duration.ofSeconds(2), 100);
        List<String> received = new CopyOnWriteArrayList<>();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        resources.add(scheduler::shutdownNow);
        MqttSplitConnection connection = new MqttSplitConnection(new MqttSplit(0), settings, new MqttSplitConnection.Receiver() {
            @Override
            public void received(MqttSplitConnection.Received message) {
                received.add(new String(message.message().payload(), StandardCharsets.UTF_8));
            }

            @Override
            public void failed(Throwable cause) {
                received.add("FAILED " + cause);
            }
        }, scheduler);
        resources.add(connection::close);
        assertThat(connection.connectWatchdog()).isEqualTo(Duration.ofSeconds(2));

        long start = System.nanoTime();
        connection.start();

        MqttClient publisher = new MqttClient(broker.url(), "watchdog-publisher", new MemoryPersistence());
        resources.add(publisher::close);
        resources.add(() -> {
            if (publisher.isConnected()) {
                publisher.disconnect();
            }
        });
        publisher.connect(new MqttConnectionOptions());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (received.isEmpty() && System.nanoTime() < deadline) {
            MqttMessage m = new MqttMessage("probe".getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            publisher.publish("city/songdo/traffic/songdo-trf-0001", m);
            Thread.sleep(200);
        }

        assertThat(received).as("a message arrived through the second connection").isNotEmpty().allMatch("probe"::equals);
        assertThat(proxy.accepted()).as("the first attempt was swallowed, a later one went through").isGreaterThanOrEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("well before the keep-alive (30 s) could end the first attempt")
            .isLessThan(Duration.ofSeconds(25));
    }

    /** Accepts TCP connections; holds the first one open in silence, pipes the others to the broker. */
    private static final class SilentFirstProxy implements AutoCloseable {
        private final ServerSocket server;
        private final int target;
        private final AtomicInteger accepted = new AtomicInteger();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        SilentFirstProxy(int target) throws IOException {
            this.target = target;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(this::acceptLoop, "silent-first-proxy");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        private void acceptLoop() {
            try {
                while (!server.isClosed()) {
                    Socket client = server.accept();
                    sockets.add(client);
                    if (accepted.incrementAndGet() == 1) {
                        pump(client.getInputStream(), OutputStream.nullOutputStream()); // swallow the CONNECT
                    } else {
                        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                        sockets.add(upstream);
                        pump(client.getInputStream(), upstream.getOutputStream());
                        pump(upstream.getInputStream(), client.getOutputStream());
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        private static void pump(InputStream in, OutputStream out) {
            Thread t = new Thread(() -> {
                try {
                    in.transferTo(out);
                } catch (IOException ignored) {
                    // a side closed
                }
            }, "proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
