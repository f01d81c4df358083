package org.aicity.testkit;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/** Mosquitto in a Testcontainers container with the project's configuration. */
final class MosquittoContainer extends ContainerService implements TestBroker.Engine {

    static final DockerImageName IMAGE = DockerImageName.parse("eclipse-mosquitto:2");
    private static final int MQTT = 1883;

    private MosquittoContainer(GenericContainer<?> container, int hostPort) {
        super(container, hostPort, IMAGE);
    }

    static MosquittoContainer launch(String projectConfig, TestBroker.AccessControl access) {
        String config = projectConfig + "\n\n# Added by TestBroker\nlistener " + MQTT + "\n"
            + "persistence_location /mosquitto/data/\n"
            + (access == null ? "allow_anonymous true\n" : access.configLines("/mosquitto/config"));
        int hostPort = TestPorts.free();
        GenericContainer<?> c = new GenericContainer<>(IMAGE)
            .withExposedPorts(MQTT)
            .withCreateContainerCmdModifier(FixedPorts.bind(hostPort, MQTT))
            .withCopyToContainer(Transferable.of(config), "/mosquitto/config/mosquitto.conf")
            .waitingFor(Wait.forListeningPort());
        if (access != null) {
            c.withCopyToContainer(MountableFile.forHostPath(access.aclFile()), "/mosquitto/config/aicity.acl")
                .withCopyToContainer(MountableFile.forHostPath(access.passwordFile()), "/mosquitto/config/aicity.passwd");
        }
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
