package org.aicity.model.mqtt;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.assertj.core.api.Assertions.assertThat;

class MqttSocketFactoryTest {

    @Test
    void shouldSetNoDelayOnAnUnconnectedSocketThatPahoConnectsItself() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket s = new MqttSocketFactory().createSocket()) {
            s.connect(server.getLocalSocketAddress(), 5_000);
            try (Socket peer = server.accept()) {
                assertThat(s.getTcpNoDelay()).isTrue();
                peer.getOutputStream().write(42);
                assertThat(s.getInputStream().read()).isEqualTo(42);
            }
        }
    }

    @Test
    void shouldSetNoDelayOnASocketItConnects() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket s = new MqttSocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket peer = server.accept()) {
            assertThat(s.getTcpNoDelay()).isTrue();
            s.getOutputStream().write(7);
            assertThat(peer.getInputStream().read()).isEqualTo(7);
        }
    }
}
