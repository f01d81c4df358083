package org.aicity.testkit;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/** Mosquitto in a Testcontainers container with the project's configuration. */
final class MosquittoContainer implements TestBroker.Engine {

    static final DockerImageName IMAGE = DockerImageName.parse("eclipse-mosquitto:2");
    private static final int MQTT = 1883;

    private final GenericContainer<?> container;
    private final int hostPort;
    private boolean running;

    private MosquittoContainer(GenericContainer<?> container, int hostPort) {
        this.container = container;
        this.hostPort = hostPort;
    }

    static MosquittoContainer launch(String projectConfig) {
        String config = projectConfig + "\n\n# Added by TestBroker\nlistener " + MQTT + "\n"
            + "persistence true\npersistence_location /mosquitto/data/\n";
        int hostPort = LocalFiles.freePort();
        GenericContainer<?> c = new GenericContainer<>(IMAGE)
            .withExposedPorts(MQTT)
            .withCreateContainerCmdModifier(FixedPorts.bind(hostPort, MQTT))
            .withCopyToContainer(Transferable.of(config), "/mosquitto/config/mosquitto.conf")
            .waitingFor(Wait.forListeningPort());
        c.start();
        MosquittoContainer m = new MosquittoContainer(c, hostPort);
        m.running = true;
        return m;
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return hostPort;
    }

    @Override
    public synchronized void start() {
        if (!running) {
            FixedPorts.start(container, host(), hostPort);
            running = true;
        }
    }

    @Override
    public synchronized void stop() {
        if (running) {
            FixedPorts.stop(container);
            running = false;
        }
    }

    @Override
    public void close() {
        container.stop();
    }

    @Override
    public String describe() {
        return "Testcontainers " + IMAGE.asCanonicalNameString() + " container " + container.getContainerId().substring(0, 12);
    }
}
