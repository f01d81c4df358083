package org.aicity.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Converts the one timestamp shape sensors send, {@code yyyy-MM-ddTHH:mm:ssZ} with an optional
 * fraction of 1 to 9 digits before the {@code Z}, straight to an {@link Instant}, without the
 * general {@link java.time.format.DateTimeFormatter} machinery. It answers null for anything it does
 * not handle itself (another shape, an offset, lower-case letters, a leap second, hour 24, a day the
 * month does not have, ...), and the caller then uses the full parser, so accepted strings and
 * error reasons are exactly those of the full parser.
 *
 * <p>{@link #format} goes the other way, for the simulator's encoding: the same text as
 * {@link Instant#toString()}, which went through the formatter machinery and a time-zone
 * conversion for every reading (15 % of the simulator's CPU in a profile of the benchmark).
 */
final class IsoInstantFastPath {

    private static final int SECONDS_PER_DAY = 86_400;
    /** Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar. */
    private static final long DAYS_0000_03_01_TO_EPOCH = 719_468L;
    private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private IsoInstantFastPath() {
    }

    /** The instant, or null if {@code s} is not of the shape handled here (it may still be valid). */
    static Instant parse(String s) {
        int n = s.length();
        // 2026-11-21T08:15:00Z is 20 characters; a fraction adds '.' and 1 to 9 digits
        if (n < 20 || n == 21 || n > 30 || s.charAt(n - 1) != 'Z'
            || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
            || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null; // a non-digit
        }
        int nanos = 0;
        if (n > 20) {
            if (s.charAt(19) != '.') {
                return null;
            }
            int fractionDigits = n - 21;
            int fraction = digits(s, 20, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * POW10[9 - fractionDigits];
        }
        if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)
            || hour > 23 || minute > 59 || second > 59) {
            return null; // invalid, or a leap second or 24:00: the full parser decides
        }
        long epochSecond = epochDay(year, month, day) * SECONDS_PER_DAY + hour * 3_600L + minute * 60L + second;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** The date and time to the second of the last instant formatted (shared by threads: never mutated). */
    private record Second(long epochSecond, byte[] text) {
    }

    private static volatile Second lastSecond = new Second(Long.MIN_VALUE, null);
    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: years that print as four digits. */
    private static final long MIN_FORMATTED = -62_167_219_200L;
    private static final long MAX_FORMATTED = 253_402_300_799L;

    /**
     * {@link Instant#toString()}, faster: {@code yyyy-MM-ddTHH:mm:ss}, then a fraction in groups of
     * three digits if the instant has one, then {@code Z}. The text of the second is kept for the
     * next call, since readings come in time order. Years outside 0 to 9999 go to
     * {@link Instant#toString()}.
     */
    static String format(Instant t) {
        byte[] out = new byte[MAX_LENGTH];
        int n = formatInto(t, out, 0);
        return n < 0 ? t.toString() : new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** The longest text {@link #formatInto} writes: nine fraction digits. */
    static final int MAX_LENGTH = 30;

    /**
     * The text of {@link #format} as ASCII bytes into {@code out} from {@code at}, which has room
     * for {@link #MAX_LENGTH}; the number of bytes, or -1 (nothing written) for a year outside 0 to
     * 9999.
     */
    static int formatInto(Instant t, byte[] out, int at) {
        long epochSecond = t.getEpochSecond();
        if (epochSecond < MIN_FORMATTED || epochSecond > MAX_FORMATTED) {
            return -1;
        }
        Second second = lastSecond;
        if (second.epochSecond != epochSecond) {
            second = new Second(epochSecond, secondText(epochSecond));
            lastSecond = second;
        }
        int nano = t.getNano();
        int fractionDigits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        int length = 19 + (fractionDigits == 0 ? 0 : 1 + fractionDigits) + 1;
        System.arraycopy(second.text, 0, out, at, 19);
        if (fractionDigits > 0) {
            out[at + 19] = '.';
            int fraction = nano / POW10[9 - fractionDigits];
            for (int i = at + 19 + fractionDigits; i > at + 19; i--) {
                out[i] = (byte) ('0' + fraction % 10);
                fraction /= 10;
            }
        }
        out[at + length - 1] = 'Z';
        return length;
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss} of a second in years 0 to 9999. Once per second of readings, so
     * java.time's own calendar is fast enough here.
     */
    private static byte[] secondText(long epochSecond) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        byte[] b = new byte[19];
        put(b, 0, t.getYear(), 4);
        b[4] = '-';
        put(b, 5, t.getMonthValue(), 2);
        b[7] = '-';
        put(b, 8, t.getDayOfMonth(), 2);
        b[10] = 'T';
        put(b, 11, t.getHour(), 2);
        b[13] = ':';
        put(b, 14, t.getMinute(), 2);
        b[16] = ':';
        put(b, 17, t.getSecond(), 2);
        return b;
    }

    private static void put(byte[] b, int at, int value, int digits) {
        for (int i = at + digits - 1; i >= at; i--) {
            b[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The value of {@code count} ASCII digits from {@code from}, or -1 if one is not a digit. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static boolean isLeap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /**
     * Days since 1970-01-01. Counts from March of the year, so that the leap day is the last day
     * of a counting year; years 0 to 9999 only (no negative years reach here).
     */
    static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year; // -1 for Jan/Feb of year 0
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;                                   // 0..399
        int monthFromMarch = month <= 2 ? month + 9 : month - 3;          // 0..11
        long dayOfYear = (153L * monthFromMarch + 2) / 5 + day - 1;       // 0..365
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - DAYS_0000_03_01_TO_EPOCH;
    }
}
