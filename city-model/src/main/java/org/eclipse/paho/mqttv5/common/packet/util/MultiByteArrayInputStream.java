package org.eclipse.paho.mqttv5.common.packet.util;

import java.io.InputStream;
import java.util.Objects;

/**
 * The AI City platform's replacement of Paho 1.2.5's class of this name (same package, same public
 * members): a stream over two byte ranges, one after the other (a packet's header, then the rest).
 * Paho's reads one byte per call only; this one also copies blocks. See
 * {@code org.aicity.model.mqtt.PahoReceivePath}.
 */
public class MultiByteArrayInputStream extends InputStream {

    private final byte[] bytesA;
    private final int offsetA;
    private final int lengthA;
    private final byte[] bytesB;
    private final int offsetB;
    private final int lengthB;
    private int pos;

    public MultiByteArrayInputStream(byte[] bytesA, int offsetA, int lengthA, byte[] bytesB, int offsetB, int lengthB) {
        this.bytesA = bytesA;
        this.offsetA = offsetA;
        this.lengthA = lengthA;
        this.bytesB = bytesB;
        this.offsetB = offsetB;
        this.lengthB = lengthB;
    }

    @Override
    public int read() {
        if (pos < lengthA) {
            return bytesA[offsetA + pos++] & 0xff;
        }
        if (pos < lengthA + lengthB) {
            return bytesB[offsetB + (pos++ - lengthA)] & 0xff;
        }
        return -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int total = lengthA + lengthB;
        if (pos >= total) {
            return -1;
        }
        int n = Math.min(len, total - pos);
        int copied = 0;
        if (pos < lengthA) {
            int fromA = Math.min(n, lengthA - pos);
            System.arraycopy(bytesA, offsetA + pos, b, off, fromA);
            copied = fromA;
        }
        if (copied < n) {
            System.arraycopy(bytesB, offsetB + (pos + copied - lengthA), b, off + copied, n - copied);
        }
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return lengthA + lengthB - pos;
    }
}
