package org.aicity.model;

import java.util.Locale;
import java.util.Optional;

/** A city data domain; its wire name is the topic segment. */
public enum Domain {
    TRAFFIC, ENERGY, ENVIRONMENT;

    private static final Domain[] ALL = values();

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    public static Optional<Domain> fromWire(String s) {
        return Optional.ofNullable(byWireName(s));
    }

    /** The domain with this wire name, or null; the allocation-free form of {@link #fromWire}. */
    static Domain byWireName(String s) {
        for (Domain d : ALL) {
            if (d.wireName.equals(s)) {
                return d;
            }
        }
        return null;
    }
}
