package org.aicity.sim;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * The calendar fields the signal model reads from an instant in one time zone, with the day's own
 * fields (day of the year, weekend) worked out once per local day instead of per reading.
 *
 * <p>Why: turning every reading's instant into a {@code ZonedDateTime} (the zone's offset, then
 * the date from the epoch day, then the day of the year from the month) was about a seventh of
 * the simulator's publishing thread in a profile of a 200,000 readings/s benchmark step. The
 * fields are the same as {@code ZonedDateTime}'s for every instant ({@code LocalDaysTest}
 * compares them over instants across years, leap days and a zone's daylight-saving changes), so
 * the readings do not change.
 *
 * <p>Threads may share an instance: the cached day is an immutable record behind a volatile field.
 */
final class LocalDays {

    private static final int SECONDS_PER_DAY = 86_400;

    private final ZoneRules rules;
    /** Whether the zone never changes its offset: no per-instant lookup then. */
    private final boolean fixedOffset;
    private final int fixedOffsetSeconds;
    private volatile Day lastDay = new Day(Long.MIN_VALUE, 0, false);

    LocalDays(ZoneId zone) {
        this.rules = zone.getRules();
        this.fixedOffset = rules.isFixedOffset();
        this.fixedOffsetSeconds = rules.getOffset(Instant.EPOCH).getTotalSeconds();
    }

    /** The local calendar fields of an instant. */
    Moment at(Instant t) {
        long epochSecond = t.getEpochSecond();
        int offset = fixedOffset ? fixedOffsetSeconds : rules.getOffset(t).getTotalSeconds();
        long localSecond = epochSecond + offset;
        long epochDay = Math.floorDiv(localSecond, SECONDS_PER_DAY);
        Day day = lastDay;
        if (day.epochDay != epochDay) {
            LocalDate date = LocalDate.ofEpochDay(epochDay);
            DayOfWeek d = date.getDayOfWeek();
            day = new Day(epochDay, date.getDayOfYear(), d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY);
            lastDay = day;
        }
        return new Moment(epochSecond, t.getNano(), day, (int) (localSecond - epochDay * SECONDS_PER_DAY));
    }

    /** A local day's own fields. */
    record Day(long epochDay, int dayOfYear, boolean weekend) {
    }

    /**
     * An instant with its local calendar fields.
     *
     * @param epochSecond the instant's seconds since the epoch (the zone plays no part)
     * @param nano        the instant's nanoseconds within its second
     * @param secondOfDay seconds since local midnight, 0 to 86,399
     */
    record Moment(long epochSecond, int nano, Day day, int secondOfDay) {

        long epochDay() {
            return day.epochDay;
        }

        int dayOfYear() {
            return day.dayOfYear;
        }

        boolean weekend() {
            return day.weekend;
        }

        /** Hours since local midnight with their fraction, summed from the fields as ZonedDateTime gives them. */
        double hourOfDay() {
            int hour = secondOfDay / 3600;
            int minute = secondOfDay / 60 % 60;
            int second = secondOfDay % 60;
            return hour + minute / 60.0 + second / 3600.0 + nano / 3.6e12;
        }
    }
}
