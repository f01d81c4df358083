package org.aicity.sim;

import org.aicity.model.Domain;

import java.time.Duration;
import java.util.Map;

/**
 * A snapshot of a run's counts. A reading is <em>sent</em> when it is handed to the MQTT client,
 * <em>acknowledged</em> when the broker's PUBACK for its message arrived (at QoS 0: when the message
 * was written to the connection), and <em>failed</em> when its message was refused or its PUBACK
 * carried an error code or never came before the connection broke. Sent minus acknowledged minus
 * failed is still in flight.
 *
 * @param messagesSent        reading messages (a batch is one message); invalid and meta messages not included
 * @param invalidMessagesSent invalid messages handed to the client; they carry no readings
 * @param metaMessages        retained sensor descriptions acknowledged
 * @param perDomain           reading counts by the sensor's domain
 * @param elapsed             wall-clock time since publishing readings began (after connecting and
 *                            publishing the sensor descriptions), until the run ended
 * @param finished            whether the run has ended (bounded and done, or closed)
 * @param duplicateCopies     second copies of duplicated messages sent (a transport fault); their
 *                            readings are not counted again in the reading counts
 * @param injected            ground-truth events recorded so far, by kind ({@code traffic-accident}, {@code late}, ...)
 * @param pubackLatency       from handing a message to the client to its PUBACK (at QoS 0: to its
 *                            write); {@link Latency#NONE} when exporting to a file
 */
public record SimulatorStats(long readingsSent, long readingsAcknowledged, long readingsFailed, long messagesSent,
                             long invalidMessagesSent, long invalidMessagesAcknowledged, long invalidMessagesFailed,
                             long metaMessages, Map<Domain, DomainStats> perDomain, Duration elapsed,
                             boolean finished, long duplicateCopies, Map<String, Long> injected, Latency pubackLatency) {

    public SimulatorStats {
        perDomain = Map.copyOf(perDomain);
        injected = injected == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(injected));
        pubackLatency = pubackLatency == null ? Latency.NONE : pubackLatency;
    }

    /** Latency percentiles, each to within about 4%. */
    public record Latency(long count, Duration p50, Duration p90, Duration p99, Duration max) {
        public static final Latency NONE = new Latency(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

        @Override
        public String toString() {
            return String.format("p50 %s, p90 %s, p99 %s, max %s (%,d messages)", ms(p50), ms(p90), ms(p99), ms(max), count);
        }

        private static String ms(Duration d) {
            return String.format("%.2f ms", d.toNanos() / 1e6);
        }
    }

    public long readingsInFlight() {
        return readingsSent - readingsAcknowledged - readingsFailed;
    }

    /** Readings of one domain. */
    public record DomainStats(long sent, long acknowledged, long failed) {
    }

    /** A multi-line summary for people. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-9);
        b.append(String.format("readings: %,d sent, %,d acknowledged, %,d failed, %,d in flight; %,d messages in %.1f s (%,.0f readings/s)%n",
            readingsSent, readingsAcknowledged, readingsFailed, readingsInFlight(), messagesSent, seconds,
            readingsAcknowledged / seconds));
        for (Domain d : Domain.values()) {
            DomainStats s = perDomain.get(d);
            if (s != null && s.sent() > 0) {
                b.append(String.format("  %-12s %,d sent, %,d acknowledged, %,d failed%n", d.wireName(), s.sent(), s.acknowledged(), s.failed()));
            }
        }
        if (invalidMessagesSent > 0) {
            b.append(String.format("invalid messages: %,d sent, %,d acknowledged, %,d failed%n",
                invalidMessagesSent, invalidMessagesAcknowledged, invalidMessagesFailed));
        }
        if (pubackLatency.count() > 0) {
            b.append(String.format("acknowledgement latency: %s%n", pubackLatency));
        }
        if (!injected.isEmpty()) {
            b.append("injected (ground truth): ");
            b.append(String.join(", ", injected.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
            b.append(System.lineSeparator());
        }
        if (duplicateCopies > 0) {
            b.append(String.format("duplicate copies sent: %,d%n", duplicateCopies));
        }
        if (metaMessages > 0) {
            b.append(String.format("sensor descriptions (retained meta): %,d%n", metaMessages));
        }
        return b.toString().stripTrailing();
    }
}
