package org.aicity.platform.embedded;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest {

    @Test
    void keepsThePreferredPortWhenNothingListensThere() {
        int free = FreePorts.anyFree();
        assertThat(FreePorts.preferredOrFree("test service", free, "test.port")).isEqualTo(free);
    }

    @Test
    void choosesAnotherPortWhenThePreferredOneIsTakenOnLoopback() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            assertThat(FreePorts.isFree(port)).isFalse();
            int chosen = FreePorts.preferredOrFree("test service", port, "test.port");
            assertThat(chosen).isNotEqualTo(port).isPositive();
        }
    }

    @Test
    void zeroMeansAnyFreePort() {
        assertThat(FreePorts.preferredOrFree("test service", 0, "test.port")).isPositive();
    }
}
