package org.aicity.job.predict;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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

    @Test
    void shouldLearnAsWithUnboundedCountsOnceASlotHasBeenVisitedMoreTimesThanAByteHolds() {
        // the first 15 minutes of 40 Sundays: 600 visits of one week slot and one day-type slot
        SeasonalProfile p = new SeasonalProfile();
        int memoryDays = 14;
        double weekMean = 0;
        double dayMean = 0;
        int n = 0;
        for (int week = 0; week < 40; week++) {
            for (int m = 0; m < 15; m++) {
                double y = 100 + 37 * Math.sin(week * 15 + m);
                p.learn(SUNDAY.plusSeconds(7L * 24 * 3600 * week + 60L * m), SEOUL, y, 1, memoryDays);
                n++;
                // the same updates in double precision with an unbounded count
                weekMean += (y - weekMean) / Math.min(n, 15 * (memoryDays / 7));
                dayMean += (y - dayMean) / Math.min(n, 15 * memoryDays);
            }
        }
        assertThat(n).isGreaterThan(SeasonalProfile.MAX_COUNT);
        assertThat(p.weekCount()[SeasonalProfile.minuteOfWeek(SUNDAY, SEOUL) / SeasonalProfile.SLOT_MINUTES] & 0xFF)
            .isEqualTo(SeasonalProfile.MAX_COUNT);
        int sundaySlot = SeasonalProfile.SLOTS_PER_DAY; // weekend day type, first slot
        assertThat(p.dayTypeCount()[sundaySlot] & 0xFF).isEqualTo(SeasonalProfile.MAX_COUNT);
        int weekSlot = SeasonalProfile.minuteOfWeek(SUNDAY, SEOUL) / SeasonalProfile.SLOT_MINUTES;
        assertThat((double) p.week()[weekSlot]).isCloseTo(weekMean, within(1e-3));
        assertThat((double) p.dayType()[sundaySlot]).isCloseTo(dayMean, within(1e-3));
    }

    @Test
    void shouldRefuseAMemoryLongerThanTheCountsHold() {
        assertThat(SeasonalProfile.maxMemoryDays(1)).isEqualTo(17);
        assertThat(SeasonalProfile.maxMemoryDays(15)).isEqualTo(255);
        assertThatThrownBy(() -> new ModelParameters(1, 0.25, 18, 0.02, 30))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("memoryDays must be at most 17 for a 1-minute series");
        assertThat(new ModelParameters(1, 0.25, 17, 0.02, 30).memoryDays()).isEqualTo(17);
    }
}
