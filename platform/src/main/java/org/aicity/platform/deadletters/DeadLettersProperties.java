package org.aicity.platform.deadletters;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

@ConfigurationProperties("aicity.api.dead-letters")
record DeadLettersProperties(Duration defaultRange, Duration maxRange, int defaultLimit, int maxLimit) {
    DeadLettersProperties {
        if (defaultRange.isNegative() || defaultRange.isZero() || maxRange.compareTo(defaultRange) < 0) {
            throw new IllegalArgumentException("aicity.api.dead-letters: need 0 < default-range <= max-range");
        }
        if (defaultLimit < 1 || maxLimit < defaultLimit) {
            throw new IllegalArgumentException("aicity.api.dead-letters: need 1 <= default-limit <= max-limit");
        }
    }
}
