package org.aicity.testkit;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The lifecycle both Testcontainers engines share: a container whose service port is bound to a
 * fixed host port, so that a stop and start (outage tests) keeps the address clients know.
 */
abstract class ContainerService {

    protected final GenericContainer<?> container;
    protected final int hostPort;
    private final DockerImageName image;
    private boolean running = true;

    ContainerService(GenericContainer<?> container, int hostPort, DockerImageName image) {
        this.container = container;
        this.hostPort = hostPort;
        this.image = image;
    }

    public synchronized void start() {
        if (!running) {
            FixedPorts.start(container, container.getHost(), hostPort);
            awaitReady();
            running = true;
        }
    }

    /** After a restart: wait until the service answers, not only its port. */
    protected void awaitReady() {
    }

    public synchronized void stop() {
        if (running) {
            FixedPorts.stop(container);
            running = false;
        }
    }

    public void close() {
        container.stop();
    }

    public String describe() {
        return "Testcontainers " + image.asCanonicalNameString() + " container " + container.getContainerId().substring(0, 12);
    }
}
