package org.aicity.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Test servers' ports come from below the kernel's range for outgoing connections' local ports. */
class TestPortsTest {

    @TempDir
    Path dir;

    @Test
    void aPortIsBelowTheEphemeralRangeAndCanBeBound() throws Exception {
        int ephemeralLow = TestPorts.ephemeralLow(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
        for (int i = 0; i < 20; i++) {
            int port = TestPorts.free();
            if (ephemeralLow - TestPorts.LOWEST >= 1_000) {
                assertThat(port).isBetween(TestPorts.LOWEST, ephemeralLow - 1);
            }
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(s.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void theRangeIsReadFromTheKernelsFileAndMissingOrGarbledMeansUnknown() throws Exception {
        Path range = dir.resolve("ip_local_port_range");
        Files.writeString(range, "32768\t60999\n");
        assertThat(TestPorts.ephemeralLow(range)).isEqualTo(32768);
        Files.writeString(range, "not a range");
        assertThat(TestPorts.ephemeralLow(range)).isEqualTo(-1);
        assertThat(TestPorts.ephemeralLow(dir.resolve("missing"))).isEqualTo(-1);
    }
}
