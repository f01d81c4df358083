package org.aicity.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivery faults to inject, each as the fraction of reading messages it hits (0 to 1). A faulted
 * message is recorded in the ground truth.
 *
 * @param duplicate  sent twice (the copy shortly after the original, byte for byte)
 * @param outOfOrder held back until after the sensor's next message
 * @param late       held back by {@code lateBy} of event time
 * @param clockSkew  stamped with a clock off by up to {@code maxClockSkew}, either way
 * @param malformed  followed by an invalid message on the same topic (cycling through {@link InvalidKind})
 */
public record TransportFaults(double duplicate, double outOfOrder, double late, double clockSkew, double malformed,
                              Duration lateBy, Duration maxClockSkew) {

    public static final Duration DEFAULT_LATE_BY = Duration.ofMinutes(10);
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(2);
    public static final TransportFaults NONE = new TransportFaults(0, 0, 0, 0, 0, DEFAULT_LATE_BY, DEFAULT_MAX_CLOCK_SKEW);

    public TransportFaults {
        lateBy = lateBy == null ? DEFAULT_LATE_BY : lateBy;
        maxClockSkew = maxClockSkew == null ? DEFAULT_MAX_CLOCK_SKEW : maxClockSkew;
        List<String> problems = new ArrayList<>();
        check(problems, "duplicate", duplicate);
        check(problems, "outOfOrder", outOfOrder);
        check(problems, "late", late);
        check(problems, "clockSkew", clockSkew);
        check(problems, "malformed", malformed);
        if (lateBy.isNegative() || lateBy.isZero()) {
            problems.add("lateBy must be positive, got " + lateBy);
        }
        if (maxClockSkew.compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add("maxClockSkew must be at least 1 s, got " + maxClockSkew);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** The same rate for every fault. */
    public static TransportFaults all(double rate) {
        return new TransportFaults(rate, rate, rate, rate, rate, DEFAULT_LATE_BY, DEFAULT_MAX_CLOCK_SKEW);
    }

    public boolean any() {
        return duplicate > 0 || outOfOrder > 0 || late > 0 || clockSkew > 0 || malformed > 0;
    }

    private static void check(List<String> problems, String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            problems.add(name + " rate must be a fraction of messages between 0 and 1, got " + rate);
        }
    }
}
