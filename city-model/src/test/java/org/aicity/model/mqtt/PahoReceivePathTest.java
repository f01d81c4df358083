package org.aicity.model.mqtt;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttPersistable;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttPubAck;
import org.eclipse.paho.mqttv5.common.packet.MqttPublish;
import org.eclipse.paho.mqttv5.common.packet.MqttWireMessage;
import org.eclipse.paho.mqttv5.common.packet.util.CountingInputStream;
import org.eclipse.paho.mqttv5.common.packet.util.MultiByteArrayInputStream;
import org.eclipse.paho.mqttv5.common.packet.util.VariableByteInteger;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * This module's versions of Paho's three stream classes: they are the ones loaded, they read what
 * Paho's read (byte by byte and in blocks, across the two ranges), and Paho decodes real packets
 * through them, large payloads included, both ways it decodes (a received packet, a persisted one).
 */
class PahoReceivePathTest {

    private final Random random = new Random(42);

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    @Test
    void theseClassesAreTheOnesLoadedAndTheStartupLineSaysSo() {
        assertThat(PahoReceivePath.copiesInBlocks()).isTrue();
        assertThat(CountingInputStream.class.getProtectionDomain().getCodeSource().getLocation().toString())
            .as("loaded from this module, not from Paho's jar").doesNotContain("paho");
        assertThat(MultiByteArrayInputStream.class.getProtectionDomain().getCodeSource().getLocation())
            .isEqualTo(CountingInputStream.class.getProtectionDomain().getCodeSource().getLocation());
        assertThat(PahoReceivePath.describe()).startsWith("MQTT receive path: packets copied in blocks");
    }

    @Test
    void twoRangesReadTheSameByteByByteAndInBlocksOfEverySize() {
        byte[] a = bytes(40);
        byte[] b = bytes(70);
        // the ranges: a[5..25) then b[3..63)
        byte[] expected = new byte[20 + 60];
        System.arraycopy(a, 5, expected, 0, 20);
        System.arraycopy(b, 3, expected, 20, 60);

        MultiByteArrayInputStream single = new MultiByteArrayInputStream(a, 5, 20, b, 3, 60);
        byte[] one = new byte[expected.length];
        for (int i = 0; i < one.length; i++) {
            int v = single.read();
            assertThat(v).isBetween(0, 255);
            one[i] = (byte) v;
        }
        assertThat(single.read()).isEqualTo(-1);
        assertThat(one).isEqualTo(expected);

        for (int block = 1; block <= expected.length + 1; block++) {
            MultiByteArrayInputStream in = new MultiByteArrayInputStream(a, 5, 20, b, 3, 60);
            byte[] out = new byte[expected.length + 7];
            int at = 3;
            int n;
            while ((n = in.read(out, at, Math.min(block, out.length - at))) > 0) {
                at += n;
                assertThat(in.available()).isEqualTo(expected.length - (at - 3));
            }
            assertThat(n).as("block %d", block).isEqualTo(-1);
            assertThat(Arrays.copyOfRange(out, 3, at)).as("block %d", block).isEqualTo(expected);
        }
        MultiByteArrayInputStream empty = new MultiByteArrayInputStream(a, 0, 0, b, 0, 0);
        assertThat(empty.read(new byte[4], 0, 4)).isEqualTo(-1);
        assertThat(empty.read(new byte[4], 0, 0)).isZero();
    }

    @Test
    void countsEveryByteReadSingleOrInBlocks() throws IOException {
        byte[] data = bytes(1000);
        CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(data));
        DataInputStream d = new DataInputStream(in);
        assertThat(d.readUnsignedByte()).isEqualTo(data[0] & 0xff);
        byte[] block = new byte[500];
        d.readFully(block);
        assertThat(block).isEqualTo(Arrays.copyOfRange(data, 1, 501));
        assertThat(in.getCounter()).isEqualTo(501);
        assertThat(in.available()).isEqualTo(499);
        in.resetCounter();
        assertThat(in.read(new byte[1000], 0, 1000)).isEqualTo(499);
        assertThat(in.getCounter()).isEqualTo(499);
        assertThat(in.read(new byte[10], 0, 10)).isEqualTo(-1);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.getCounter()).isEqualTo(499);

        assertThat(new VariableByteInteger(300, 2).getValue()).isEqualTo(300);
        assertThat(new VariableByteInteger(300, 2).getEncodedLength()).isEqualTo(2);
        assertThat(new VariableByteInteger(7).getEncodedLength()).isEqualTo(-1);
    }

    @Test
    void pahoDecodesPublishesOfEverySizeThroughThem() throws Exception {
        for (int size : List.of(0, 1, 127, 128, 16_383, 16_384, 200_000)) {
            byte[] payload = bytes(size);
            MqttMessage m = new MqttMessage(payload, 1, false, null);
            MqttProperties props = new MqttProperties();
            props.setContentType("application/json");
            MqttPublish sent = new MqttPublish("city/songdo/traffic/songdo-trf-0001", m, props);
            sent.setMessageId(4711);
            byte[] header = sent.getHeader();
            byte[] body = sent.getPayload();

            // as received from the network: the whole packet in one array
            byte[] packet = new byte[header.length + body.length];
            System.arraycopy(header, 0, packet, 0, header.length);
            System.arraycopy(body, 0, packet, header.length, body.length);
            MqttPublish received = (MqttPublish) MqttWireMessage.createWireMessage(packet);
            assertThat(received.getTopicName()).isEqualTo("city/songdo/traffic/songdo-trf-0001");
            assertThat(received.getMessageId()).isEqualTo(4711);
            assertThat(received.getMessage().getQos()).isEqualTo(1);
            assertThat(received.getProperties().getContentType()).isEqualTo("application/json");
            assertThat(received.getMessage().getPayload()).as("payload of %d bytes", size).isEqualTo(payload);

            // as restored from persistence: header and body in two arrays (MultiByteArrayInputStream)
            MqttPublish restored = (MqttPublish) MqttWireMessage.createWireMessage(persisted(header, body));
            assertThat(restored.getMessage().getPayload()).as("persisted payload of %d bytes", size).isEqualTo(payload);
            assertThat(restored.getMessageId()).isEqualTo(4711);
        }
        MqttPubAck ack = new MqttPubAck(0, 99, new MqttProperties());
        MqttWireMessage back = MqttWireMessage.createWireMessage(ack.serialize());
        assertThat(back).isInstanceOf(MqttPubAck.class);
        assertThat(back.getMessageId()).isEqualTo(99);
    }

    private static MqttPersistable persisted(byte[] header, byte[] body) {
        return new MqttPersistable() {
            @Override
            public byte[] getHeaderBytes() {
                return header;
            }

            @Override
            public int getHeaderLength() {
                return header.length;
            }

            @Override
            public int getHeaderOffset() {
                return 0;
            }

            @Override
            public byte[] getPayloadBytes() {
                return body;
            }

            @Override
            public int getPayloadLength() {
                return body.length;
            }

            @Override
            public int getPayloadOffset() {
                return 0;
            }
        };
    }
}
