package org.aicity.model.mqtt;

import javax.net.SocketFactory;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Sockets for the Paho MQTT clients, tuned for many small QoS 1 messages:
 * <ul>
 *   <li>TCP_NODELAY: Paho does not set it, and with Nagle's algorithm a PUBACK can wait for the
 *       peer's delayed ACK (tens of milliseconds), which throttles QoS 1 throughput;</li>
 *   <li>a buffered input stream: Paho reads each packet's fixed header one byte at a time
 *       ({@code DataInputStream.readByte} for the type and each length byte) straight from the
 *       socket, which is a system call per byte, three or more per message.</li>
 * </ul>
 */
public final class MqttSocketFactory extends SocketFactory {

    /** Larger than a typical gateway batch (100 readings, about 12 KB). */
    static final int INPUT_BUFFER_BYTES = 64 * 1024;

    @Override
    public Socket createSocket() throws IOException {
        return new BufferedSocket();
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
        BufferedSocket s = new BufferedSocket();
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

    /** A plain socket with TCP_NODELAY whose input stream is buffered (the same stream on every call). */
    static final class BufferedSocket extends Socket {

        private InputStream input;

        BufferedSocket() throws IOException {
            setTcpNoDelay(true);
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new BufferedInputStream(super.getInputStream(), INPUT_BUFFER_BYTES);
            }
            return input;
        }
    }
}
