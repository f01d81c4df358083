package org.aicity.platform.readings;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * @param defaultRange         the range when a request gives no {@code from}
 * @param maxRange             the longest range of a readings request
 * @param defaultLimit         readings returned when a request gives no {@code limit}
 * @param maxLimit             the largest {@code limit} accepted
 * @param aggregatesMaxRange   the longest range of an aggregates request (1 row per minute and metric)
 */
@ConfigurationProperties("aicity.api.readings")
record ReadingsProperties(Duration defaultRange, Duration maxRange, int defaultLimit, int maxLimit,
                          Duration aggregatesMaxRange) {
    ReadingsProperties {
        if (defaultRange.isNegative() || defaultRange.isZero() || maxRange.compareTo(defaultRange) < 0
            || aggregatesMaxRange.compareTo(defaultRange) < 0) {
            throw new IllegalArgumentException("aicity.api.readings: need 0 < default-range <= max-range and "
                + "default-range <= aggregates-max-range");
        }
        if (defaultLimit < 1 || maxLimit < defaultLimit) {
            throw new IllegalArgumentException("aicity.api.readings: need 1 <= default-limit <= max-limit");
        }
    }
}
