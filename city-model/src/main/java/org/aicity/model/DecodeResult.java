package org.aicity.model;

import java.util.List;

/**
 * What one MQTT message decoded to: the valid readings, and a rejection for each invalid part.
 * A message that cannot be read at all (bad topic, not JSON, too large) has one rejection with
 * element index {@link Rejection#WHOLE_MESSAGE} and no readings.
 */
public record DecodeResult(List<Reading> readings, List<Rejection> rejections) {
    public DecodeResult {
        readings = List.copyOf(readings);
        rejections = List.copyOf(rejections);
    }

    static DecodeResult wholeMessage(List<Violation> reasons) {
        return new DecodeResult(List.of(), List.of(new Rejection(Rejection.WHOLE_MESSAGE, null, reasons)));
    }

    /**
     * One invalid part of a message.
     *
     * @param elementIndex index in a gateway batch, or {@link #WHOLE_MESSAGE}
     * @param sensorId     the sensor the part claimed to come from, when it could be read
     * @param reasons      every reason, not only the first
     */
    public record Rejection(int elementIndex, String sensorId, List<Violation> reasons) {
        public static final int WHOLE_MESSAGE = -1;

        public Rejection {
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs at least one reason");
            }
            reasons = List.copyOf(reasons);
        }

        public List<String> reasonTexts() {
            return reasons.stream().map(Violation::toString).toList();
        }
    }
}
