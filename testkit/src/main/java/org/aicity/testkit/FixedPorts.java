package org.aicity.testkit;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Container helpers for stop/start fault tests. Testcontainers maps a random host port that changes
 * when a container restarts, so the containers here bind a host port chosen up front and are
 * stopped and started through the Docker API, which keeps their file system (and data).
 */
final class FixedPorts {

    private FixedPorts() {
    }

    static Consumer<CreateContainerCmd> bind(int hostPort, int containerPort) {
        return cmd -> cmd.getHostConfig().withPortBindings(
            new PortBinding(Ports.Binding.bindPort(hostPort), ExposedPort.tcp(containerPort)));
    }

    static void stop(GenericContainer<?> c) {
        DockerClientFactory.instance().client().stopContainerCmd(c.getContainerId()).withTimeout(10).exec();
    }

    static void start(GenericContainer<?> c, String host, int hostPort) {
        DockerClientFactory.instance().client().startContainerCmd(c.getContainerId()).exec();
        if (!LocalFiles.awaitAccepting(host, hostPort, Duration.ofSeconds(60), () -> true)) {
            throw new IllegalStateException("container " + c.getDockerImageName() + " did not accept connections on "
                + host + ":" + hostPort + " after a restart");
        }
    }
}
