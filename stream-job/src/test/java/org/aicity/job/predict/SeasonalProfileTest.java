package org.aicity.job.predict;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SeasonalProfileTest {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    /** Sunday 2026-11-08 00:00 KST. */
    private static final Instant SUNDAY = Instant.parse("2026-11-07T15:00:00Z");

    private static double ownDayType(SeasonalProfile p, Instant t) {
        return p.expected(SeasonalProfile.minuteOfWeek(t, SEOUL), 30, 7, false);
    }

    @Test
    void shouldForecastTheFirstWeekdayFromTheWeekendButNotOfferItAsTheWeekdaysOwnReference() {
        SeasonalProfile p = new SeasonalProfile();
        for (int m = 0; m < 24 * 60; m++) {
            p.learn(SUNDAY.plusSeconds(60L * m), SEOUL, 100 + m % 60, 1, 14);
        }
        Instant mondayNoon = SUNDAY.plusSeconds(36 * 3600);
        Instant sundayNoon = SUNDAY.plusSeconds(12 * 3600);

        assertThat(p.expected(mondayNoon, SEOUL, 30, 7)).isBetween(100.0, 160.0);
        assertThat(ownDayType(p, mondayNoon)).isNaN();
        assertThat(ownDayType(p, sundayNoon)).isCloseTo(p.expected(sundayNoon, SEOUL, 30, 7), within(1e-9));

        for (int m = 0; m < 24 * 60; m++) {
            p.learn(SUNDAY.plusSeconds(24 * 3600 + 60L * m), SEOUL, 300, 1, 14);
        }
        assertThat(ownDayType(p, mondayNoon)).isCloseTo(300, within(1e-3));
    }
}
