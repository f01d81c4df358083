package org.eclipse.paho.mqttv5.common.packet.util;

import java.io.IOException;
import java.io.InputStream;

/**
 * The AI City platform's replacement of Paho 1.2.5's class of this name (same package, same public
 * members), which it shadows by coming first on the class path: see
 * {@code org.aicity.model.mqtt.PahoReceivePath}. Paho's own reads one byte per call, also when its
 * caller asks for a block (every received packet and every PUBLISH payload are copied through it),
 * which took most of the stream job's receive thread. This one also reads blocks, counting them.
 */
public class CountingInputStream extends InputStream {

    private final InputStream in;
    private int counter;

    public CountingInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b != -1) {
            counter++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            counter += n;
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    /** Bytes read so far (or since {@link #resetCounter}). */
    public int getCounter() {
        return counter;
    }

    public void resetCounter() {
        counter = 0;
    }
}
