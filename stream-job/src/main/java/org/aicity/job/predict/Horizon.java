package org.aicity.job.predict;

import java.time.Duration;

/** The lead times every series is forecast at. */
public enum Horizon {
    MIN_15(15), MIN_30(30), MIN_60(60);

    private final int minutes;

    Horizon(int minutes) {
        this.minutes = minutes;
    }

    public int minutes() {
        return minutes;
    }

    public Duration duration() {
        return Duration.ofMinutes(minutes);
    }

    public static Horizon ofMinutes(int minutes) {
        for (Horizon h : values()) {
            if (h.minutes == minutes) {
                return h;
            }
        }
        throw new IllegalArgumentException("no horizon of " + minutes + " minutes; horizons are 15, 30 and 60");
    }
}
