package org.aicity.platform.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Chooses listening ports for the embedded services. */
final class FreePorts {

    private static final Logger log = LoggerFactory.getLogger(FreePorts.class);

    private FreePorts() {
    }

    /**
     * The preferred port when nothing listens there, else a free one, with a log line saying which
     * and how to choose. 0 asks for a free port outright. Another process may still take the port
     * before the service binds it; the service then fails to start and says so.
     */
    static int preferredOrFree(String service, int preferred, String property) {
        if (preferred > 0 && isFree(preferred)) {
            return preferred;
        }
        int port = anyFree();
        if (preferred > 0) {
            log.info("{}: port {} is in use (another {} may run on this machine), so the embedded one listens on "
                + "port {} instead; set {} to choose a port", service, preferred, service, port, property);
        }
        return port;
    }

    /** Whether nothing accepts connections on the port and it can be bound on every address. */
    static boolean isFree(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return false;
        } catch (IOException connectFailed) {
            // nothing listens on loopback; now make sure the wildcard address is free as well
        }
        try (ServerSocket ss = new ServerSocket()) {
            ss.setReuseAddress(false);
            ss.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int anyFree() {
        try (ServerSocket ss = new ServerSocket()) {
            ss.setReuseAddress(false);
            ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return ss.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free TCP port on this machine", e);
        }
    }
}
