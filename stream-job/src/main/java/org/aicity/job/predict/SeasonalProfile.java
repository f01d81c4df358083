package org.aicity.job.predict;

import java.io.DataOutput;
import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;

/**
 * The typical value of a series by time of week, learnt online: a profile of 15-minute slots for
 * each of the 7 days of the week, and a coarser one per day type (weekday, weekend) that serves
 * until a week-slot has been seen often enough. Values between slot centres are interpolated
 * linearly, so a rush-hour ramp is followed within a slot.
 *
 * <p>Each slot is an exponentially weighted mean whose weight starts at 1/n (the plain mean of
 * what it has seen) and settles at {@code 1/memory}, so the profile follows slow change
 * (seasons, new buildings) with bounded memory: 864 floats and counts per series.
 *
 * <p>A slot's count only matters up to the larger of its memory and the thresholds it is compared
 * with, so it is kept in one unsigned byte that stops at {@link #MAX_COUNT}; {@link ModelParameters}
 * refuses a memory longer than that, so the saturation never changes a result.
 *
 * <p>The week's slots are kept a day per array, so that a {@link #shareCopy} (what the heap state
 * backend takes of every model that changes while a checkpoint is written) shares the days and
 * copies only the one a later observation changes.
 */
final class SeasonalProfile {

    static final int SLOT_MINUTES = 15;
    static final int SLOTS_PER_DAY = 24 * 60 / SLOT_MINUTES;
    static final int WEEK_SLOTS = 7 * SLOTS_PER_DAY;
    private static final int DAY_TYPES = 2;
    /** Where a slot's count stops: the largest unsigned byte. */
    static final int MAX_COUNT = 255;

    private static final int DAYS = 7;
    private static final int ALL_DAYS_OWNED = (1 << DAYS) - 1;

    /** The week's slot means and counts, a day (Monday first) per array. */
    private final float[][] week;
    private final byte[][] weekCount;
    private final float[] dayType;
    private final byte[] dayTypeCount;
    /** Bit d: day d's arrays are this profile's own, not shared with a copy, so they may be written. */
    private int ownedDays = ALL_DAYS_OWNED;

    SeasonalProfile() {
        this(new float[WEEK_SLOTS], new byte[WEEK_SLOTS], new float[DAY_TYPES * SLOTS_PER_DAY],
            new byte[DAY_TYPES * SLOTS_PER_DAY]);
    }

    SeasonalProfile(float[] week, byte[] weekCount, float[] dayType, byte[] dayTypeCount) {
        if (week.length != WEEK_SLOTS || weekCount.length != WEEK_SLOTS || dayType.length != DAY_TYPES * SLOTS_PER_DAY
            || dayTypeCount.length != DAY_TYPES * SLOTS_PER_DAY) {
            throw new IllegalArgumentException("profile arrays have the wrong size");
        }
        this.week = new float[DAYS][];
        this.weekCount = new byte[DAYS][];
        for (int d = 0; d < DAYS; d++) {
            this.week[d] = Arrays.copyOfRange(week, d * SLOTS_PER_DAY, (d + 1) * SLOTS_PER_DAY);
            this.weekCount[d] = Arrays.copyOfRange(weekCount, d * SLOTS_PER_DAY, (d + 1) * SLOTS_PER_DAY);
        }
        this.dayType = dayType;
        this.dayTypeCount = dayTypeCount;
    }

    private SeasonalProfile(SeasonalProfile from) {
        this.week = from.week.clone();
        this.weekCount = from.weekCount.clone();
        this.dayType = from.dayType.clone();
        this.dayTypeCount = from.dayTypeCount.clone();
        this.ownedDays = 0;
    }

    /**
     * A copy that shares the week's days with this profile: whichever of the two writes a shared
     * day first copies it then. Equal to this profile, and independent of it.
     */
    SeasonalProfile shareCopy() {
        ownedDays = 0;
        return new SeasonalProfile(this);
    }

    /** Makes day {@code d}'s arrays this profile's own before writing them. */
    private void own(int d) {
        if ((ownedDays & (1 << d)) == 0) {
            week[d] = week[d].clone();
            weekCount[d] = weekCount[d].clone();
            ownedDays |= 1 << d;
        }
    }

    /** How many of the week's days this profile shares with a copy (for tests). */
    int sharedDays() {
        return DAYS - Integer.bitCount(ownedDays);
    }

    /**
     * Learns one observation.
     *
     * @param weight how many slot-minutes the observation stands for (1 for a 1-minute series, 15
     *               for a 15-minute KPI), so both settle at the same memory in days
     */
    void learn(Instant t, ZoneId zone, double value, int weight, int memoryDays) {
        int minuteOfWeek = minuteOfWeek(t, zone);
        int w = minuteOfWeek / SLOT_MINUTES;
        int perSlotVisit = visitsPerSlot(weight);
        int day = w / SLOTS_PER_DAY;
        own(day);
        update(week[day], weekCount[day], w % SLOTS_PER_DAY, value, perSlotVisit * Math.max(1, memoryDays / 7));
        int d = dayTypeIndex(minuteOfWeek);
        update(dayType, dayTypeCount, d, value, perSlotVisit * memoryDays);
    }

    /** How many points of a series with this step fall into one slot on one day. */
    static int visitsPerSlot(int stepMinutes) {
        return Math.max(1, SLOT_MINUTES / stepMinutes);
    }

    /** The longest memory (in points of a day-type slot) whose counts a byte holds. */
    static int maxMemoryDays(int stepMinutes) {
        return MAX_COUNT / visitsPerSlot(stepMinutes);
    }

    private static void update(float[] means, byte[] counts, int i, double value, int memory) {
        int n = Math.min(count(counts, i) + 1, MAX_COUNT);
        counts[i] = (byte) n;
        double alpha = 1.0 / Math.min(n, memory);
        means[i] = (float) (means[i] + alpha * (value - means[i]));
    }

    /**
     * The typical value at {@code t}, or NaN while the slots around it are unknown.
     *
     * @param minWeekCount observations a week-slot needs before it is preferred to the day-type one
     * @param minDayCount  observations a day-type slot needs before it is used at all
     */
    double expected(Instant t, ZoneId zone, int minWeekCount, int minDayCount) {
        return expected(minuteOfWeek(t, zone), minWeekCount, minDayCount, true);
    }

    /**
     * As {@link #expected(Instant, ZoneId, int, int)} at a {@link #minuteOfWeek} already computed.
     *
     * @param otherDayType whether a day type not seen yet may borrow the other's profile (the first
     *                     Monday after a weekend start): good enough to forecast with, not to judge a
     *                     sensor against its peers, who differ most in how their weekday and weekend differ
     */
    double expected(int minuteOfWeek, int minWeekCount, int minDayCount, boolean otherDayType) {
        // position relative to slot centres: slot i covers [15i, 15i+15), its centre is 15i + 7.5
        double pos = (minuteOfWeek + 0.5 - SLOT_MINUTES / 2.0) / SLOT_MINUTES;
        int i0 = Math.floorMod((int) Math.floor(pos), WEEK_SLOTS);
        int i1 = (i0 + 1) % WEEK_SLOTS;
        double f = pos - Math.floor(pos);
        double a = slotValue(i0, minWeekCount, minDayCount, otherDayType);
        double b = slotValue(i1, minWeekCount, minDayCount, otherDayType);
        if (Double.isNaN(a)) {
            return f >= 0.5 ? b : Double.NaN;
        }
        if (Double.isNaN(b)) {
            return f < 0.5 ? a : Double.NaN;
        }
        return a + f * (b - a);
    }

    private double slotValue(int weekSlot, int minWeekCount, int minDayCount, boolean otherDayType) {
        int day = weekSlot / SLOTS_PER_DAY;
        int slot = weekSlot % SLOTS_PER_DAY;
        if (count(weekCount[day], slot) >= minWeekCount) {
            return week[day][slot];
        }
        int d = dayTypeIndex(weekSlot * SLOT_MINUTES);
        if (count(dayTypeCount, d) >= minDayCount) {
            return dayType[d];
        }
        if (!otherDayType) {
            return Double.NaN;
        }
        // a weekend before any weekend was seen (or the reverse): the other day type beats nothing
        int other = (d + SLOTS_PER_DAY) % (DAY_TYPES * SLOTS_PER_DAY);
        return count(dayTypeCount, other) >= minDayCount ? dayType[other] : Double.NaN;
    }

    private static int count(byte[] counts, int i) {
        return counts[i] & 0xFF;
    }

    /** A count of an older state format (two bytes) as this one keeps it. */
    static byte saturated(int count) {
        return (byte) Math.min(Math.max(count, 0), MAX_COUNT);
    }

    static int minuteOfWeek(Instant t, ZoneId zone) {
        // the offset, then plain arithmetic: several calls per point, and atZone() is the model's hot spot
        long localSecond = t.getEpochSecond() + zone.getRules().getOffset(t).getTotalSeconds();
        long epochDay = Math.floorDiv(localSecond, 86_400L);
        int dayOfWeek = (int) Math.floorMod(epochDay + 3, 7L); // 1970-01-01 was a Thursday; 0 = Monday
        return dayOfWeek * 24 * 60 + (int) (Math.floorMod(localSecond, 86_400L) / 60);
    }

    private static int dayTypeIndex(int minuteOfWeek) {
        int day = minuteOfWeek / (24 * 60); // 0 = Monday
        boolean weekend = day == DayOfWeek.SATURDAY.getValue() - 1 || day == DayOfWeek.SUNDAY.getValue() - 1;
        return (weekend ? SLOTS_PER_DAY : 0) + (minuteOfWeek % (24 * 60)) / SLOT_MINUTES;
    }

    /**
     * Writes the profile as the series model's state format has it: the week's means and counts,
     * then the day types' (Monday 00:00 first), a day's array per write, without first gathering
     * the week into one array (every model is written at every checkpoint).
     */
    void writeTo(DataOutput out) throws IOException {
        for (float[] day : week) {
            SeriesModel.writeFloats(out, day);
        }
        for (byte[] day : weekCount) {
            out.write(day);
        }
        SeriesModel.writeFloats(out, dayType);
        out.write(dayTypeCount);
    }

    /** The week's slot means, Monday 00:00 first (a new array, for tests). */
    float[] week() {
        float[] all = new float[WEEK_SLOTS];
        for (int d = 0; d < DAYS; d++) {
            System.arraycopy(week[d], 0, all, d * SLOTS_PER_DAY, SLOTS_PER_DAY);
        }
        return all;
    }

    /** The week's slot counts, Monday 00:00 first (a new array, for tests). */
    byte[] weekCount() {
        byte[] all = new byte[WEEK_SLOTS];
        for (int d = 0; d < DAYS; d++) {
            System.arraycopy(weekCount[d], 0, all, d * SLOTS_PER_DAY, SLOTS_PER_DAY);
        }
        return all;
    }

    float[] dayType() {
        return dayType;
    }

    byte[] dayTypeCount() {
        return dayTypeCount;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeasonalProfile p && Arrays.deepEquals(week, p.week) && Arrays.deepEquals(weekCount, p.weekCount)
            && Arrays.equals(dayType, p.dayType) && Arrays.equals(dayTypeCount, p.dayTypeCount);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(week) * 31 + Arrays.hashCode(dayType);
    }
}
