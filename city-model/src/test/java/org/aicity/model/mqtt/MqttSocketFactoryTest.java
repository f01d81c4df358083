package org.aicity.model.mqtt;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
            peer.setSoTimeout(5_000);
            s.getOutputStream().write(7);
            s.getOutputStream().flush(); // what is written leaves when flushed, as Paho does after every packet
            assertThat(peer.getInputStream().read()).isEqualTo(7);
        }
    }

    @Test
    void shouldReadEveryByteInOrderTheWayPahoReadsThroughOneReadAheadStream() throws Exception {
        byte[] sent = new byte[300_000];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = (byte) (i * 31 + 7);
        }
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (Socket peer = server.accept(); OutputStream out = peer.getOutputStream()) {
                    // small writes, as a broker's packets arrive, and some larger than the read-ahead buffer
                    for (int i = 0, n = 37; i < sent.length; i += n, n = n == 37 ? 70_000 : 37) {
                        out.write(sent, i, Math.min(n, sent.length - i));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket s = new MqttSocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                InputStream in = s.getInputStream();
                assertThat(in).isInstanceOf(MqttSocketFactory.ReadAheadInput.class).isSameAs(s.getInputStream());
                DataInputStream data = new DataInputStream(in);
                byte[] received = new byte[sent.length];
                // the way Paho reads: available(), a byte, a length byte, then a block (here of every size up to 100 KB)
                int block = 1;
                for (int i = 0; i < received.length; ) {
                    assertThat(in.available()).isGreaterThanOrEqualTo(0);
                    received[i++] = data.readByte();
                    if (i < received.length) {
                        received[i++] = data.readByte();
                    }
                    int n = Math.min(block, received.length - i);
                    data.readFully(received, i, n);
                    i += n;
                    block = block * 3 % 100_003;
                }
                assertThat(received).isEqualTo(sent);
                assertThat(in.read()).isEqualTo(-1);
                assertThat(in.read(new byte[10], 0, 10)).isEqualTo(-1);
            }
            writer.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldAnswerAvailableFromTheBufferAndSkipWithinIt() throws Exception {
        byte[] bytes = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        MqttSocketFactory.ReadAheadInput in = new MqttSocketFactory.ReadAheadInput(new ByteArrayInputStream(bytes), 4);
        assertThat(in.read()).isEqualTo(1);
        assertThat(in.available()).as("the rest of the first fill").isEqualTo(3);
        assertThat(in.skip(2)).isEqualTo(2);
        assertThat(in.read(new byte[0], 0, 0)).isZero();
        byte[] b = new byte[3];
        assertThat(in.read(b, 0, 3)).as("what is buffered, no more").isEqualTo(1);
        assertThat(b[0]).isEqualTo((byte) 4);
        assertThat(in.available()).as("empty buffer: the stream's own").isEqualTo(6);
        byte[] large = new byte[8];
        assertThat(in.read(large, 0, 8)).as("at least a buffer's worth goes straight through").isEqualTo(6);
        assertThat(large).startsWith(5, 6, 7, 8, 9, 10);
        assertThat(in.read()).isEqualTo(-1);
        assertThatThrownBy(() -> in.read(b, 2, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aReadThatTimesOutLosesNothingAndCloseFromAnotherThreadEndsABlockedRead() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket s = new MqttSocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket peer = server.accept()) {
            InputStream in = s.getInputStream();
            peer.getOutputStream().write(new byte[] {10, 11, 12});
            assertThat(in.read()).isEqualTo(10);
            s.setSoTimeout(200); // Paho sets a second
            assertThat(in.read()).isEqualTo(11);
            assertThat(in.read()).isEqualTo(12);
            assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
            peer.getOutputStream().write(new byte[] {13, 14});
            assertThat(in.read()).isEqualTo(13);
            assertThat(in.available()).isEqualTo(1);
            assertThat(in.read()).isEqualTo(14);

            s.setSoTimeout(0);
            CompletableFuture<Throwable> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    return new IllegalStateException("read returned " + in.read());
                } catch (IOException e) {
                    return e;
                }
            });
            Thread.sleep(200);
            assertThat(blocked).isNotDone();
            in.close(); // the way Paho stops its receiver: from another thread
            assertThat(blocked.get(5, TimeUnit.SECONDS)).isInstanceOf(SocketException.class);
            assertThat(s.isClosed()).isTrue();
        }
    }

    @Test
    void shouldSendAPacketWrittenInPiecesAsOneWriteWhenFlushed() throws Exception {
        List<Integer> writes = new ArrayList<>();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                writes.add(1);
                sink.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes.add(len);
                sink.write(b, off, len);
            }
        };
        MqttSocketFactory.WholePacketOutput out = new MqttSocketFactory.WholePacketOutput(counting, 16);
        // the way Paho writes a packet: header bytes, then the payload in pieces, then a flush
        out.write(new byte[] {1, 2});
        out.write(3);
        out.write(new byte[] {4, 5, 6, 7, 8}, 1, 3);
        assertThat(writes).as("nothing leaves before the flush").isEmpty();
        out.flush();
        assertThat(writes).containsExactly(6);
        assertThat(sink.toByteArray()).containsExactly(1, 2, 3, 5, 6, 7);

        out.flush();
        assertThat(writes).as("an empty flush writes nothing").containsExactly(6);

        out.write(new byte[10]);
        out.write(new byte[10]); // does not fit: the 10 held leave first, these 10 are held
        assertThat(writes).containsExactly(6, 10);
        out.write(new byte[40]); // larger than the buffer: the 10 held, then the 40 straight through
        assertThat(writes).containsExactly(6, 10, 10, 40);
        for (int i = 0; i < 17; i++) {
            out.write(i); // the 17th byte sends the full buffer first
        }
        assertThat(writes).containsExactly(6, 10, 10, 40, 16);
        out.flush();
        assertThat(writes).containsExactly(6, 10, 10, 40, 16, 1);
        assertThat(sink.size()).isEqualTo(6 + 10 + 10 + 40 + 17);
        assertThatThrownBy(() -> out.write(new byte[3], 2, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldDeliverEveryFlushedPacketThroughTheSocketsOneOutputStream() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket s = new MqttSocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket peer = server.accept()) {
            OutputStream out = s.getOutputStream();
            assertThat(out).isInstanceOf(MqttSocketFactory.WholePacketOutput.class).isSameAs(s.getOutputStream());
            byte[] packet = new byte[12_345]; // about a gateway batch of 100 readings
            for (int i = 0; i < packet.length; i++) {
                packet[i] = (byte) (i * 13 + 1);
            }
            DataInputStream in = new DataInputStream(peer.getInputStream());
            peer.setSoTimeout(5_000);
            for (int round = 0; round < 3; round++) {
                out.write(packet, 0, 2);
                for (int off = 2; off < packet.length; off += 1024) {
                    out.write(packet, off, Math.min(1024, packet.length - off));
                }
                out.flush();
                byte[] received = new byte[packet.length];
                in.readFully(received);
                assertThat(received).isEqualTo(packet);
            }
            out.close();
            assertThat(s.isClosed()).isTrue();
            assertThat(in.read()).isEqualTo(-1);
        }
    }
}
