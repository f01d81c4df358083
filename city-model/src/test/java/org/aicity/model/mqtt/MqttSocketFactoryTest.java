package org.aicity.model.mqtt;

import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MqttSocketFactoryTest {

    @Test
    void shouldConnectWithNoDelayAndOneBufferedInputStreamThatReadsEveryByteInOrder() throws Exception {
        byte[] sent = new byte[200_000];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = (byte) (i * 31 + 7);
        }
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (Socket peer = server.accept(); OutputStream out = peer.getOutputStream()) {
                    // small writes, as an MQTT broker's packets arrive
                    for (int i = 0; i < sent.length; i += 37) {
                        out.write(sent, i, Math.min(37, sent.length - i));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket s = new MqttSocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                assertThat(s.getTcpNoDelay()).isTrue();
                InputStream in = s.getInputStream();
                assertThat(in).isInstanceOf(BufferedInputStream.class).isSameAs(s.getInputStream());
                DataInputStream data = new DataInputStream(in);
                byte[] received = new byte[sent.length];
                // the way Paho reads: a byte, then a block
                for (int i = 0; i < received.length; ) {
                    received[i++] = data.readByte();
                    int block = Math.min(1000, received.length - i);
                    data.readFully(received, i, block);
                    i += block;
                }
                assertThat(received).isEqualTo(sent);
                assertThat(in.read()).isEqualTo(-1);
            }
            writer.get(10, TimeUnit.SECONDS);
        }
    }

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
}
