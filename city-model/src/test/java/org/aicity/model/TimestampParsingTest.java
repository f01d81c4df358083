package org.aicity.model;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The timestamp fast path gives exactly what the full parsers give, including null (rejected). */
class TimestampParsingTest {

    private static void assertSame(String s) {
        assertThat(ReadingCodec.parseInstant(s)).as("'%s'", s).isEqualTo(ReadingCodec.parseInstantFully(s));
    }

    @Test
    void fastPathTakesTheCommonShape() {
        for (String s : List.of("2026-11-21T08:15:00Z", "2026-11-21T08:15:00.1Z", "2026-11-21T08:15:00.123456789Z",
            "2024-02-29T23:59:59.999Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z")) {
            assertThat(IsoInstantFastPath.parse(s)).as(s).isNotNull().isEqualTo(Instant.parse(s));
        }
    }

    @Test
    void edgeCasesAgreeWithTheFullParser() {
        List<String> cases = List.of(
            "", "Z", "T", "2026", "2026-11-21", "2026-11-21T08:15Z", "2026-11-21T08:15:00", "2026-11-21T08:15:00z",
            "2026-11-21t08:15:00Z", "2026-11-21 08:15:00Z", "2026-11-21T08:15:00.Z", "2026-11-21T08:15:00.1234567890Z",
            "2026-11-21T08:15:00,5Z", "2026-11-21T08:15:00.5 Z", " 2026-11-21T08:15:00Z", "2026-11-21T08:15:00Z ",
            "2026-11-21T08:15:00+00:00", "2026-11-21T08:15:00-00:00", "2026-11-21T08:15:00+09:00", "2026-11-21T08:15:00.25-05:30",
            "2026-11-21T08:15:00+0900", "2026-11-21T08:15:00+09", "2026-11-21T08:15:00+18:00", "2026-11-21T08:15:00+19:00",
            "2026-11-21T08:15:00+09:00:30", "2026-11-21T08:15:00Z[UTC]", "2026-11-21T08:15:00.5+01:00",
            "2024-02-29T12:00:00Z", "2023-02-29T12:00:00Z", "2000-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
            "2100-02-29T00:00:00Z", "2400-02-29T00:00:00Z", "2026-02-30T00:00:00Z", "2026-04-31T00:00:00Z",
            "2026-06-31T00:00:00Z", "2026-12-32T00:00:00Z", "2026-00-10T00:00:00Z", "2026-13-10T00:00:00Z",
            "2026-11-00T00:00:00Z", "2026-11-21T24:00:00Z", "2026-11-21T24:00:01Z", "2026-11-21T25:00:00Z",
            "2026-11-21T23:60:00Z", "2016-12-31T23:59:60Z", "2026-06-30T23:59:60.5Z", "2026-11-21T23:59:61Z",
            "+2026-11-21T08:15:00Z", "-2026-11-21T08:15:00Z", "+12026-11-21T08:15:00Z", "12026-11-21T08:15:00Z",
            "026-11-21T08:15:00Z", "2026-1-21T08:15:00Z", "2026-11-2T08:15:00Z", "2026-11-21T8:15:00Z",
            "2026-11-21T08:15:0Z", "2026/11/21T08:15:00Z", "2026-11-21T08.15.00Z", "2026-11-21T08:15:00.1a2Z",
            "2026-11-21T08:15:00.-1Z", "2026-11-21T08:15:00.+1Z", "20a6-11-21T08:15:00Z", "2026-11-21T08:15:0\u0660Z",
            "\u0662\u0660\u0662\u0666-11-21T08:15:00Z", "\uff12026-11-21T08:15:00Z", "2026-11-21T08:15:00\uff3a",
            "2026-11-21T08:15:00.\uff11Z", "yesterday", "0000-01-01T00:00:00Z", "0000-02-29T00:00:00Z",
            "0001-01-01T00:00:00Z", "0000-03-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1969-12-31T23:59:59.5Z",
            "1970-01-01T00:00:00Z", "2026-11-21T08:15:00.000000000Z", "2026-11-21T08:15:00.000000001Z");
        for (String s : cases) {
            assertSame(s);
        }
        for (int digits = 1; digits <= 10; digits++) {
            assertSame("2026-11-21T08:15:00." + "9".repeat(digits) + "Z");
            assertSame("2026-11-21T08:15:00." + "0".repeat(digits - 1) + "7Z");
            assertSame("2026-11-21T08:15:00." + "1".repeat(digits) + "+02:00");
        }
    }

    @Test
    void everyDayOfSomeYearsAgrees() {
        for (int year : new int[] {0, 1, 4, 100, 400, 1600, 1900, 1969, 1970, 1999, 2000, 2024, 2026, 2100, 2400, 9999}) {
            for (int month = 1; month <= 12; month++) {
                for (int day = 1; day <= 32; day++) {
                    String s = String.format("%04d-%02d-%02dT00:00:00Z", year, month, day);
                    assertSame(s);
                    if (day <= LocalDate.of(year, month, 1).lengthOfMonth()) {
                        assertThat(IsoInstantFastPath.parse(s)).as(s).isNotNull();
                        assertThat(IsoInstantFastPath.epochDay(year, month, day)).isEqualTo(LocalDate.of(year, month, day).toEpochDay());
                    }
                }
            }
        }
    }

    @Test
    void randomTimestampsAgree() {
        Random rnd = new Random(42);
        DateTimeFormatter offsetFormat = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX");
        String mutations = "0123456789-:.TZtz+ ,\u00e9\u0660";
        for (int i = 0; i < 100_000; i++) {
            long sec = rnd.nextLong(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() + 1);
            if (i % 2 == 0) { // mostly around now
                sec = Instant.parse("1999-01-01T00:00:00Z").getEpochSecond() + rnd.nextLong(60L * 365 * 86_400);
            }
            Instant t = Instant.ofEpochSecond(sec, rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(1_000_000_000));
            String base = t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC).toLocalDateTime().toString();
            if (base.length() == 16) {
                base += ":00"; // LocalDateTime.toString() drops zero seconds
            }
            int digits = rnd.nextInt(10);
            String fraction = digits == 0 ? "" : "." + String.format("%09d", t.getNano()).substring(0, digits);
            String s = switch (rnd.nextInt(4)) {
                case 0, 1 -> base + fraction + "Z";
                case 2 -> t.atOffset(ZoneOffset.ofHoursMinutes(rnd.nextInt(-18, 19), 0)).format(offsetFormat);
                default -> t.toString();
            };
            assertSame(s);
            if (rnd.nextInt(3) == 0) { // and a damaged copy
                StringBuilder b = new StringBuilder(s);
                int pos = rnd.nextInt(b.length());
                switch (rnd.nextInt(3)) {
                    case 0 -> b.setCharAt(pos, mutations.charAt(rnd.nextInt(mutations.length())));
                    case 1 -> b.deleteCharAt(pos);
                    default -> b.insert(pos, mutations.charAt(rnd.nextInt(mutations.length())));
                }
                assertSame(b.toString());
            }
        }
    }

    @Test
    void decodeReportsTheSameTsReasons() {
        ReadingCodec codec = new ReadingCodec();
        Instant now = Instant.parse("2026-11-21T08:16:00Z");
        List<String> values = new ArrayList<>(List.of("2026-11-21T08:15:00Z", "2026-11-21T08:15:00.5+09:00",
            "2026-11-21T08:15:00", "2026-02-30T08:15:00Z", "1999-12-31T23:59:59.999999999Z", "2026-11-21T09:15:00Z",
            "2026-11-21t08:15:00z", "2026-11-21T24:00:00Z"));
        for (String ts : values) {
            String json = "{\"sensorId\":\"s1\",\"ts\":\"" + ts + "\",\"seq\":1,\"metrics\":{\"intensity\":1}}";
            DecodeResult r = codec.decode("city/songdo/traffic/s1", json.getBytes(StandardCharsets.UTF_8), now);
            Instant expected = ReadingCodec.parseInstantFully(ts);
            if (expected == null) {
                assertThat(r.rejections()).singleElement().extracting(DecodeResult.Rejection::reasonTexts).asList()
                    .containsExactly("ts: '" + ts + "' is not an ISO-8601 timestamp with a zone, e.g. 2026-11-21T08:15:00Z");
            } else if (!r.readings().isEmpty()) {
                assertThat(r.readings().get(0).ts()).isEqualTo(expected);
            }
        }
    }
}
