package org.aicity.model;

import java.util.Locale;
import java.util.Optional;

/** A city data domain; its wire name is the topic segment. */
public enum Domain {
    TRAFFIC, ENERGY, ENVIRONMENT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Domain> fromWire(String s) {
        for (Domain d : values()) {
            if (d.wireName().equals(s)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
