package org.aicity.sim;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The cached local days give every instant the fields ZonedDateTime gives it, so the readings do not change. */
class LocalDaysTest {

    @ParameterizedTest
    @ValueSource(strings = {"Asia/Seoul", "Europe/Berlin", "America/Sao_Paulo", "Australia/Lord_Howe", "UTC", "+05:45",
        "America/St_Johns"})
    void everyInstantGetsZonedDateTimesFields(String zoneName) {
        ZoneId zone = ZoneId.of(zoneName);
        LocalDays days = new LocalDays(zone);
        List<Instant> instants = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(zoneName.hashCode());
        // a simulator's order: a few seconds apart, over several days, with microsecond fractions
        Instant t = Instant.parse("2026-03-27T18:59:58.123456Z");
        for (int i = 0; i < 20_000; i++) {
            instants.add(t);
            t = t.plusNanos(random.nextLong(1_000, 90_000_000_000L) / 1000 * 1000);
        }
        // any order, over the years 1950 to 2100 (leap days, pre-epoch seconds)
        for (int i = 0; i < 20_000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(-631_152_000L, 4_102_444_800L), random.nextInt(1_000_000_000)));
        }
        // around every change of offset in those years: the second before, at and after
        Instant from = Instant.parse("1950-01-01T00:00:00Z");
        for (ZoneOffsetTransition tr = zone.getRules().nextTransition(from);
             tr != null && tr.getInstant().isBefore(Instant.parse("2100-01-01T00:00:00Z"));
             tr = zone.getRules().nextTransition(tr.getInstant())) {
            for (long s = -2; s <= 2; s++) {
                instants.add(tr.getInstant().plusSeconds(s));
                instants.add(tr.getInstant().plusSeconds(s).plusNanos(999_999_000));
            }
        }
        instants.add(Instant.parse("2024-02-29T23:59:59.999999Z"));
        instants.add(Instant.parse("2100-12-31T23:59:59Z"));

        for (Instant instant : instants) {
            ZonedDateTime z = instant.atZone(zone);
            LocalDays.Moment m = days.at(instant);
            String at = instant + " in " + zoneName;
            assertThat(m.epochDay()).as(at).isEqualTo(z.toLocalDate().toEpochDay());
            assertThat(m.dayOfYear()).as(at).isEqualTo(z.getDayOfYear());
            assertThat(m.weekend()).as(at).isEqualTo(z.getDayOfWeek() == DayOfWeek.SATURDAY || z.getDayOfWeek() == DayOfWeek.SUNDAY);
            assertThat(m.epochSecond()).as(at).isEqualTo(z.toEpochSecond());
            // exactly the double the model summed from ZonedDateTime's fields before
            double hourOfDay = z.getHour() + z.getMinute() / 60.0 + z.getSecond() / 3600.0 + z.getNano() / 3.6e12;
            assertThat(m.hourOfDay()).as(at).isEqualTo(hourOfDay);
        }
        assertThat(instants).hasSizeGreaterThan(40_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Asia/Seoul", "Europe/Berlin"})
    void threadsSharingOneInstanceGetTheirOwnDays(String zoneName) throws Exception {
        ZoneId zone = ZoneId.of(zoneName);
        LocalDays days = new LocalDays(zone);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int k = 0; k < 4; k++) {
            // each thread walks its own days, so the shared cache changes under the others all the time
            Instant start = Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofDays(37L * k));
            threads.add(new Thread(() -> {
                try {
                    for (int i = 0; i < 50_000; i++) {
                        Instant t = start.plusSeconds(97L * i);
                        assertThat(days.at(t).dayOfYear()).isEqualTo(t.atZone(zone).getDayOfYear());
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread th : threads) {
            th.join();
        }
        assertThat(failures).isEmpty();
    }
}
