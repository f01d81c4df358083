package org.aicity.testkit;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/** Mosquitto in a Testcontainers container with the project's configuration. */
final class MosquittoContainer extends ContainerService implements TestBroker.Engine {

    static final DockerImageName IMAGE = DockerImageName.parse("eclipse-mosquitto:2");
    private static final int MQTT = 1883;

    private MosquittoContainer(GenericContainer<?> container, int hostPort) {
        super(container, hostPort, IMAGE);
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
        return new MosquittoContainer(c, hostPort);
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return hostPort;
    }
}
