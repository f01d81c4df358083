package org.aicity.platform.deadletters;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * A rejected message as the API shows it.
 *
 * @param elementIndex    position within a gateway batch, or -1 for the whole message
 * @param payloadEncoding {@code utf-8} when the payload is valid UTF-8 text and shown as such,
 *                        otherwise {@code base64}
 */
record DeadLetter(long id, Instant receivedAt, String topic, String sensorId, int elementIndex,
                  List<String> reasons, String payloadEncoding, String payload) {

    static DeadLetter of(long id, Instant receivedAt, String topic, String sensorId, int elementIndex,
                         List<String> reasons, byte[] payload) {
        String text = utf8OrNull(payload);
        return text != null
            ? new DeadLetter(id, receivedAt, topic, sensorId, elementIndex, reasons, "utf-8", text)
            : new DeadLetter(id, receivedAt, topic, sensorId, elementIndex, reasons, "base64",
                Base64.getEncoder().encodeToString(payload));
    }

    private static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
