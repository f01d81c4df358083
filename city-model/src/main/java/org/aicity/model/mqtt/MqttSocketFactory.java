package org.aicity.model.mqtt;

import javax.net.SocketFactory;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Sockets for the Paho MQTT clients, tuned for many small QoS 1 messages:
 * <ul>
 *   <li>TCP_NODELAY: Paho does not set it, and with Nagle's algorithm a PUBACK can wait for the
 *       peer's delayed ACK (tens of milliseconds), which throttles QoS 1 throughput;</li>
 *   <li>input read ahead ({@link ReadAheadInput}): Paho asks the stream's {@code available()} before
 *       each packet and reads the packet's type and each length byte one at a time, so on the bare
 *       socket stream a single-reading message costs four or more system calls to receive, and a
 *       PUBACK as many. Read ahead, one system call takes in whatever has arrived, often many
 *       packets.</li>
 *   <li>output written whole ({@link WholePacketOutput}): Paho writes a packet into its own
 *       8 KB buffer, a payload in pieces of 1 KB, and flushes after every packet, so a gateway
 *       batch of 100 readings (about 12 KB) left it as two system calls and two TCP segments,
 *       which the broker read and woke for twice. Held until Paho's flush, a packet of up to
 *       {@value #WRITE_BUFFER_BYTES} bytes leaves in one.</li>
 * </ul>
 */
public final class MqttSocketFactory extends SocketFactory {

    /** Larger than a gateway batch of 100 readings (about 12 KB). */
    static final int READ_AHEAD_BYTES = 64 * 1024;
    /** Larger than a gateway batch of 100 readings; a larger packet goes out in more writes. */
    static final int WRITE_BUFFER_BYTES = 64 * 1024;

    @Override
    public Socket createSocket() throws IOException {
        return new ReadAheadSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private static Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        ReadAheadSocket s = new ReadAheadSocket();
        try {
            if (local != null) {
                s.bind(local);
            }
            s.connect(remote);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /**
     * A plain socket with TCP_NODELAY whose input stream reads ahead and whose output stream holds
     * a packet until it is flushed (the same streams on every call).
     */
    static final class ReadAheadSocket extends Socket {

        private InputStream input;
        private OutputStream output;

        ReadAheadSocket() throws IOException {
            setTcpNoDelay(true);
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new ReadAheadInput(super.getInputStream(), READ_AHEAD_BYTES);
            }
            return input;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (output == null) {
                output = new WholePacketOutput(super.getOutputStream(), WRITE_BUFFER_BYTES);
            }
            return output;
        }
    }

    /**
     * Holds what is written until {@link #flush()}, so that a packet written in pieces leaves in
     * one system call: {@link BufferedOutputStream}'s writing (a write that does not fit sends what
     * is held first; one as large as the buffer goes straight through). Only {@link #close()}
     * differs: it closes the socket's stream at once, from any thread, without taking the stream's
     * lock or sending what is held (Paho flushes every packet it writes), as the read side's does.
     */
    static final class WholePacketOutput extends BufferedOutputStream {

        WholePacketOutput(OutputStream out, int size) {
            super(out, size);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /**
     * Reads ahead into a buffer, for one reading thread (Paho's receiver): unlike
     * {@link java.io.BufferedInputStream} it takes no lock, and {@link #available()} answers from
     * the buffer without a system call while the buffer holds bytes. A read that times out
     * ({@code SO_TIMEOUT}, which Paho sets) or fails leaves the buffer as it was. {@link #close()}
     * closes the socket's stream at once, from any thread.
     */
    static final class ReadAheadInput extends InputStream {

        private final InputStream in;
        private final byte[] buffer;
        private int position;
        private int limit;

        ReadAheadInput(InputStream in, int size) {
            this.in = in;
            this.buffer = new byte[size];
        }

        @Override
        public int read() throws IOException {
            if (position == limit && fill() <= 0) {
                return -1;
            }
            return buffer[position++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            int buffered = limit - position;
            if (buffered == 0) {
                if (len >= buffer.length) {
                    return in.read(b, off, len); // a large block goes straight to the caller
                }
                if (fill() <= 0) {
                    return -1;
                }
                buffered = limit - position;
            }
            int n = Math.min(len, buffered);
            System.arraycopy(buffer, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public int available() throws IOException {
            int buffered = limit - position;
            return buffered > 0 ? buffered : in.available();
        }

        @Override
        public long skip(long n) throws IOException {
            if (n <= 0) {
                return 0;
            }
            int buffered = limit - position;
            if (buffered == 0) {
                return in.skip(n);
            }
            int skipped = (int) Math.min(n, buffered);
            position += skipped;
            return skipped;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        /** One read of whatever has arrived, up to the buffer's size; the count, or -1 at the end. */
        private int fill() throws IOException {
            int n = in.read(buffer, 0, buffer.length);
            if (n > 0) {
                position = 0;
                limit = n;
            }
            return n;
        }
    }
}
