package org.aicity.platform.embedded;

import org.aicity.testkit.TestPorts;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest {

    @Test
    void keepsThePreferredPortWhenNothingListensThere() {
        // below the kernel's ephemeral range: no outgoing connection can take it while the test
        // runs, and the check's own connect cannot meet itself there (a port from anyFree() could)
        int free = TestPorts.free();
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
