package org.aicity.platform.web;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void missingBoundsMeanTheDefaultRangeEndingNow() {
        assertThat(TimeWindow.resolve(null, null, CLOCK, HOUR, DAY)).isEqualTo(new TimeWindow(NOW.minus(HOUR), NOW));
    }

    @Test
    void aMissingFromCountsBackFromTheGivenTo() {
        Instant to = Instant.parse("2026-11-01T00:00:00Z");
        assertThat(TimeWindow.resolve(null, to, CLOCK, HOUR, DAY)).isEqualTo(new TimeWindow(to.minus(HOUR), to));
    }

    @Test
    void aRangeOfExactlyTheMaximumIsAccepted() {
        assertThat(TimeWindow.resolve(NOW.minus(DAY), NOW, CLOCK, HOUR, DAY).from()).isEqualTo(NOW.minus(DAY));
    }

    @Test
    void anEmptyReversedOrTooLongRangeNamesFrom() {
        assertThatThrownBy(() -> TimeWindow.resolve(NOW, NOW, CLOCK, HOUR, DAY))
            .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("from"));
        assertThatThrownBy(() -> TimeWindow.resolve(NOW.plusSeconds(1), NOW, CLOCK, HOUR, DAY))
            .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> TimeWindow.resolve(NOW.minus(DAY).minusMillis(1), NOW, CLOCK, HOUR, DAY))
            .hasMessageContaining("longer than the maximum of PT24H");
    }

    @Test
    void limitsOutsideOneToMaxNameLimit() {
        assertThat(TimeWindow.limit(null, 100, 1000)).isEqualTo(100);
        assertThat(TimeWindow.limit(1000, 100, 1000)).isEqualTo(1000);
        assertThatThrownBy(() -> TimeWindow.limit(1001, 100, 1000))
            .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("limit"));
    }
}
