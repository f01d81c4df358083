package org.aicity.model.mqtt;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

/**
 * Plain sockets with TCP_NODELAY for the Paho MQTT clients. Paho does not set it, and with Nagle's
 * algorithm a PUBACK can wait for the peer's delayed ACK (tens of milliseconds), which throttles
 * QoS 1 throughput.
 *
 * <p>Not buffered, although Paho reads each packet's fixed header a byte per system call: with a
 * {@code BufferedInputStream} under Paho's reader, the first reconnect after a broker restart hung
 * for about 95 seconds (the fault test {@code DeliveryUnderFaultsTest} caught it), so the input
 * stays the socket's own.
 */
public final class MqttSocketFactory extends SocketFactory {

    @Override
    public Socket createSocket() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        return s;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return noDelay(new Socket(address, port, localAddress, localPort));
    }

    private static Socket noDelay(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }
}
