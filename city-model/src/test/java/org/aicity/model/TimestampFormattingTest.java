package org.aicity.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast timestamp text is exactly {@link Instant#toString()}, and reads back to the same instant. */
class TimestampFormattingTest {

    private static void assertLikeToString(Instant t) {
        String text = IsoInstantFastPath.format(t);
        assertThat(text).as("%s", t).isEqualTo(t.toString());
        if (t.getEpochSecond() >= -62_167_219_200L && t.getEpochSecond() <= 253_402_300_799L) {
            assertThat(IsoInstantFastPath.parse(text)).as("read back: %s", text).isEqualTo(t);
        }
    }

    @Test
    void edgesOfDaysMonthsYearsAndFractions() {
        for (String s : List.of("1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "2024-02-29T23:59:59.5Z",
            "2024-03-01T00:00:00.000001Z", "2023-02-28T12:00:00.000000001Z", "2000-02-29T00:00:00.120Z",
            "1900-03-01T00:00:00Z", "2100-02-28T23:59:59Z", "0000-01-01T00:00:00Z", "0000-02-29T10:00:00Z",
            "9999-12-31T23:59:59.999999999Z", "2026-12-31T23:59:59.100200300Z", "2027-01-01T00:00:00.010Z")) {
            assertLikeToString(Instant.parse(s));
        }
    }

    @Test
    void yearsBeyondFourDigitsAreLeftToInstant() {
        for (Instant t : List.of(Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59.5Z"),
            Instant.MIN, Instant.MAX)) {
            assertLikeToString(t);
        }
    }

    @Test
    void randomInstantsOverTheWholeRange() {
        SplittableRandom r = new SplittableRandom(20261205);
        for (int i = 0; i < 300_000; i++) {
            long second = r.nextLong(-62_167_219_200L - 1_000, 253_402_300_799L + 1_000);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> r.nextInt(1_000) * 1_000_000;
                case 2 -> r.nextInt(1_000_000) * 1_000;
                default -> r.nextInt(1_000_000_000);
            };
            assertLikeToString(Instant.ofEpochSecond(second, nano));
        }
    }

    @Test
    void consecutiveReadingsInTimeOrderAndBackAgain() {
        // the text of the second is kept between calls: a step back in time must not reuse it
        Instant t = Instant.parse("2026-12-05T23:59:58Z");
        for (int i = 0; i < 5_000; i++) {
            assertLikeToString(t.plusMillis(i));
            assertLikeToString(t.minusMillis(i * 7L));
        }
    }
}
