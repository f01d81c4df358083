package org.aicity.model.mqtt;

import org.eclipse.paho.mqttv5.common.packet.util.CountingInputStream;

import java.security.CodeSource;

/**
 * Whether Paho's receive path copies packets in blocks.
 *
 * <p>Paho 1.2.5 decodes every received packet by copying it, and a PUBLISH's payload a second
 * time, through its {@code CountingInputStream} and {@code MultiByteArrayInputStream}, which read
 * one byte per call (the first through a synchronized {@code ByteArrayInputStream.read()}). At
 * 100-reading gateway batches that was 60 % of the platform's CPU samples, all on Paho's one
 * receive thread, which then capped the pipeline. This module carries its own versions of the
 * three classes of that package (same names and public members, block reads added); they take
 * effect because this jar precedes Paho's on the class path (the modules declare it first, and the
 * platform's and the job's jars keep that order). A Paho release that reads in blocks makes them
 * unnecessary: delete the package {@code org.eclipse.paho.mqttv5.common.packet.util} here.
 */
public final class PahoReceivePath {

    private PahoReceivePath() {
    }

    /** True when the block-reading classes are the ones loaded. */
    public static boolean copiesInBlocks() {
        try {
            CountingInputStream.class.getDeclaredMethod("read", byte[].class, int.class, int.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** One line for a startup log: which classes decode received MQTT packets, and from where. */
    public static String describe() {
        CodeSource source = CountingInputStream.class.getProtectionDomain().getCodeSource();
        String from = source == null || source.getLocation() == null ? "unknown" : source.getLocation().toString();
        return copiesInBlocks()
            ? "MQTT receive path: packets copied in blocks (AI City's versions of Paho's stream classes, from " + from + ")"
            : "MQTT receive path: Paho's byte-at-a-time copies (from " + from + "), much slower for large messages: "
                + "put the city-model jar before Paho's on the class path";
    }
}
