package org.aicity.testkit;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.util.function.BiConsumer;

/** Paho's callback has six methods; a subscriber in a test or a benchmark needs one. */
public final class MqttCallbacks {

    private MqttCallbacks() {
    }

    /** A callback that hands each arriving message to {@code handler} and ignores everything else. */
    public static MqttCallback onMessage(BiConsumer<String, MqttMessage> handler) {
        return new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                handler.accept(topic, message);
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        };
    }
}
