package org.eclipse.paho.mqttv5.common.packet.util;

/**
 * The AI City platform's own version of Paho 1.2.5's class of this name (a decoded MQTT
 * variable byte integer and how many bytes it took). It is here only because a package's classes
 * must all come from one jar: Paho's jar is signed, and the JVM refuses a package whose classes
 * have different signers. See {@code org.aicity.model.mqtt.PahoReceivePath}.
 */
public class VariableByteInteger {

    private final int value;
    private final int length;

    public VariableByteInteger(int value) {
        this(value, -1);
    }

    public VariableByteInteger(int value, int length) {
        this.value = value;
        this.length = length;
    }

    public int getEncodedLength() {
        return length;
    }

    public int getValue() {
        return value;
    }
}
