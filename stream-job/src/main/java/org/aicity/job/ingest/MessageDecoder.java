package org.aicity.job.ingest;

import org.aicity.model.DecodeResult;
import org.aicity.model.MetricValues;
import org.aicity.model.Reading;
import org.aicity.model.ReadingCodec;
import org.aicity.model.Topic;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one raw MQTT message into valid readings and dead letters: the codec's validation, plus
 * a check against the known sensors of each configured city. Plain Java, no Flink; one instance
 * per operator subtask (it keeps a {@link MessageDigest}, which is not thread-safe).
 */
public final class MessageDecoder {

    private final ReadingCodec codec;
    private final Map<String, Set<String>> knownSensorsByCity;
    private final MessageDigest sha256;

    /**
     * @param knownSensorsByCity sensor ids per city id; a reading of a city listed here from a
     *                           sensor not listed is rejected. Cities not listed are not checked.
     */
    public MessageDecoder(ReadingCodec codec, Map<String, Set<String>> knownSensorsByCity) {
        this.codec = codec;
        this.knownSensorsByCity = Map.copyOf(knownSensorsByCity);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * What one message decoded to. Readings are not yet deduplicated.
     *
     * @param elementIndices for each reading, its index in a gateway batch, or -1 for a single-reading message
     */
    public record Decoded(List<ValidReading> readings, int[] elementIndices, List<DeadLetter> deadLetters) {
    }

    public Decoded decode(RawMessage message) {
        Instant receivedAt = Instant.ofEpochMilli(message.receivedAtMillis());
        // parsed once here and handed to the codec, which would otherwise parse it again
        Topic.Parsed parsed = Topic.parse(message.topic());
        String cityId = parsed.ok() ? parsed.topic().cityId() : null;
        DecodeResult result = codec.decode(parsed, message.payload(), receivedAt);

        Set<String> known = cityId == null ? null : knownSensorsByCity.get(cityId);
        boolean unknownSensor = known != null && !known.contains(parsed.topic().sensorId());

        List<DeadLetter> dead = new ArrayList<>(result.rejections().size());
        byte[] digest = null;
        for (DecodeResult.Rejection rejection : result.rejections()) {
            List<String> reasons = new ArrayList<>(rejection.reasonTexts());
            if (unknownSensor) {
                reasons.add(unknownSensorReason(rejection.elementIndex(), cityId, parsed.topic().sensorId()));
            }
            digest = digest == null ? sha256.digest(message.payload()) : digest;
            String sensorId = rejection.sensorId() != null ? rejection.sensorId() : parsed.ok() ? parsed.topic().sensorId() : null;
            dead.add(deadLetter(message, digest, rejection.elementIndex(), receivedAt, cityId, sensorId, reasons));
        }
        if (result.readings().isEmpty()) {
            return new Decoded(List.of(), new int[0], dead);
        }

        int[] indices = elementIndices(message.payload(), result);
        List<ValidReading> ok = new ArrayList<>(result.readings().size());
        int[] okIndices = new int[result.readings().size()];
        for (int i = 0; i < result.readings().size(); i++) {
            Reading r = result.readings().get(i);
            if (unknownSensor) {
                digest = digest == null ? sha256.digest(message.payload()) : digest;
                dead.add(deadLetter(message, digest, indices[i], receivedAt, cityId, r.sensorId(),
                    List.of(unknownSensorReason(indices[i], cityId, r.sensorId()))));
            } else {
                okIndices[ok.size()] = indices[i];
                ok.add(toValid(cityId, r));
            }
        }
        return new Decoded(ok, java.util.Arrays.copyOf(okIndices, ok.size()), dead);
    }

    /**
     * A dead letter for a reading that decoded fine but is rejected later (a conflicting seq).
     *
     * @param reason the text after the field name, e.g. "42 was already used for a different reading"
     */
    public DeadLetter reject(RawMessage message, int elementIndex, ValidReading reading, String field, String reason) {
        String name = elementIndex == DecodeResult.Rejection.WHOLE_MESSAGE ? field : "[" + elementIndex + "]." + field;
        return deadLetter(message, sha256.digest(message.payload()), elementIndex,
            Instant.ofEpochMilli(message.receivedAtMillis()), reading.cityId(), reading.sensorId(), List.of(name + ": " + reason));
    }

    private static ValidReading toValid(String cityId, Reading r) {
        if (r.metrics() instanceof MetricValues decoded) {
            return new ValidReading(cityId, r.sensorId(), r.ts(), r.seq(), decoded.nameArray(), decoded.valueArray());
        }
        String[] names = new String[r.metrics().size()];
        double[] values = new double[names.length];
        int i = 0;
        for (Map.Entry<String, Double> e : r.metrics().entrySet()) {
            names[i] = e.getKey();
            values[i++] = e.getValue();
        }
        return new ValidReading(cityId, r.sensorId(), r.ts(), r.seq(), names, values);
    }

    /**
     * The element index of each valid reading: -1 for a single-reading message; in a batch, the
     * positions the rejections do not take, in order (the codec puts every element in exactly one
     * of the two lists).
     */
    static int[] elementIndices(byte[] payload, DecodeResult result) {
        int n = result.readings().size();
        int[] out = new int[n];
        if (!isBatch(payload)) {
            java.util.Arrays.fill(out, DecodeResult.Rejection.WHOLE_MESSAGE);
            return out;
        }
        Set<Integer> rejected = new HashSet<>();
        for (DecodeResult.Rejection r : result.rejections()) {
            rejected.add(r.elementIndex());
        }
        int next = 0;
        for (int i = 0; i < n; i++) {
            while (rejected.contains(next)) {
                next++;
            }
            out[i] = next++;
        }
        return out;
    }

    private static boolean isBatch(byte[] payload) {
        for (byte b : payload) {
            if (b == '[') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                return false;
            }
        }
        return false;
    }

    static String unknownSensorReason(int elementIndex, String cityId, String sensorId) {
        String field = elementIndex == DecodeResult.Rejection.WHOLE_MESSAGE ? "sensorId" : "[" + elementIndex + "].sensorId";
        return field + ": unknown sensor '" + sensorId + "' in city '" + cityId + "' (not in the city definition)";
    }

    private static DeadLetter deadLetter(RawMessage m, byte[] digest, int index, Instant receivedAt, String cityId,
                                         String sensorId, List<String> reasons) {
        return new DeadLetter(digest, index, receivedAt, m.topic(), cityId, sensorId, m.payload(), reasons.toArray(String[]::new));
    }
}
