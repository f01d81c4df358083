package org.aicity.platform.forecasts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param defaultRange        the range of targets when a request gives no {@code from}
 * @param maxRange            the longest range of a forecasts request
 * @param accuracyDefaultRange the range of target hours summed when an accuracy request gives no {@code from}
 * @param accuracyMaxRange    the longest range of an accuracy request
 */
@ConfigurationProperties("aicity.api.forecasts")
record ForecastsProperties(@DefaultValue("PT2H") Duration defaultRange, @DefaultValue("P2D") Duration maxRange,
                           @DefaultValue("P1D") Duration accuracyDefaultRange, @DefaultValue("P31D") Duration accuracyMaxRange) {
    ForecastsProperties {
        if (defaultRange.isNegative() || defaultRange.isZero() || maxRange.compareTo(defaultRange) < 0
            || accuracyDefaultRange.isNegative() || accuracyDefaultRange.isZero()
            || accuracyMaxRange.compareTo(accuracyDefaultRange) < 0) {
            throw new IllegalArgumentException("aicity.api.forecasts: need 0 < default-range <= max-range and "
                + "0 < accuracy-default-range <= accuracy-max-range");
        }
    }
}
