package org.aicity.platform.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A checked, half-open time range [from, to) of a range query.
 *
 * @param from inclusive start
 * @param to   exclusive end
 */
public record TimeWindow(Instant from, Instant to) {

    /**
     * The window a request asks for. A missing {@code to} is now; a missing {@code from} is
     * {@code defaultRange} before {@code to}.
     *
     * @throws InvalidParameterException naming {@code from} when the range is empty, reversed or
     *                                   longer than {@code maxRange}
     */
    public static TimeWindow resolve(Instant from, Instant to, Clock clock, Duration defaultRange, Duration maxRange) {
        Instant end = to != null ? to : clock.instant();
        Instant start = from != null ? from : end.minus(defaultRange);
        if (!start.isBefore(end)) {
            throw new InvalidParameterException("from",
                "from (" + start + ") must be before to (" + end + ")");
        }
        if (Duration.between(start, end).compareTo(maxRange) > 0) {
            throw new InvalidParameterException("from",
                "the range from " + start + " to " + end + " is longer than the maximum of " + maxRange
                    + "; ask for a shorter range");
        }
        return new TimeWindow(start, end);
    }

    /** The limit a request asks for, or the default; 400 naming {@code limit} outside 1..max. */
    public static int limit(Integer requested, int defaultLimit, int maxLimit) {
        if (requested == null) {
            return defaultLimit;
        }
        if (requested < 1 || requested > maxLimit) {
            throw new InvalidParameterException("limit", "limit must be between 1 and " + maxLimit + ", was " + requested);
        }
        return requested;
    }
}
