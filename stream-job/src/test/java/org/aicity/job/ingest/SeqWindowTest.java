package org.aicity.job.ingest;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SeqWindowTest {

    private static final long HOUR = 3_600_000;
    private static final long DAY = 24 * HOUR;
    /** An event time of 2026 in epoch milliseconds, far from any int. */
    private static final long T0 = 1_795_248_900_000L;

    @Test
    void findsTheNewestEntryUnderASeq() {
        SeqWindow w = new SeqWindow();
        w.remember(1, 1_000, 11, HOUR);
        w.remember(1, 2_000, 12, HOUR); // numbering restarted

        assertThat(w.find(1)).isEqualTo(new SeqCheck.Seen(2_000, 12));
        assertThat(w.find(2)).isNull();
    }

    @Test
    void keepsAtMostMaxEntriesDroppingTheOldest() {
        SeqWindow w = new SeqWindow();
        int n = SeqWindow.MAX_ENTRIES + 10;
        for (int seq = 0; seq < n; seq++) {
            w.remember(seq, seq, seq, HOUR);
        }

        assertThat(w.size()).isEqualTo(SeqWindow.MAX_ENTRIES);
        assertThat(w.capacity()).isEqualTo(SeqWindow.MAX_ENTRIES);
        assertThat(w.find(9)).isNull();
        assertThat(w.find(10)).isEqualTo(new SeqCheck.Seen(10, 10));
        assertThat(w.find(n - 1)).isEqualTo(new SeqCheck.Seen(n - 1, n - 1));
    }

    @Test
    void forgetsWhatFallsBehindTheHorizonButKeepsTheNewest() {
        SeqWindow w = new SeqWindow();
        for (int seq = 0; seq < 10; seq++) {
            w.remember(seq, seq * 60_000L, seq, 300_000); // one a minute, five minutes kept
        }

        assertThat(w.find(3)).isNull();
        assertThat(w.find(4)).isNotNull();
        assertThat(w.size()).isEqualTo(6);
    }

    @Test
    void keepsAReadingOlderThanTheHorizonUntilItReachesTheFrontAsBefore() {
        SeqWindow w = new SeqWindow();
        w.remember(1, T0, 1, 300_000);
        w.remember(2, T0 + 60_000, 2, 300_000);
        w.remember(3, T0 - HOUR, 3, 300_000); // late: an hour behind, beyond the horizon

        assertThat(w.find(3)).isEqualTo(new SeqCheck.Seen(T0 - HOUR, 3));
        w.remember(4, T0 + 400_000, 4, 300_000); // 1 and 2 fall out, then 3 is at the front and goes too

        assertThat(w.find(1)).isNull();
        assertThat(w.find(3)).isNull();
        assertThat(w.find(4)).isEqualTo(new SeqCheck.Seen(T0 + 400_000, 4));
        assertThat(w.size()).isEqualTo(1);
    }

    @Test
    void growsByHalfSoThatSixHundredEntriesDoNotTakeARingOf1024() {
        SeqWindow w = new SeqWindow();
        List<Integer> capacities = new ArrayList<>();
        for (int seq = 0; seq < SeqWindow.MAX_ENTRIES; seq++) {
            w.remember(seq, T0 + seq, seq, HOUR);
            if (capacities.isEmpty() || capacities.get(capacities.size() - 1) != w.capacity()) {
                capacities.add(w.capacity());
            }
        }
        assertThat(capacities).containsExactly(8, 12, 18, 27, 40, 60, 90, 135, 202, 303, 454, 681, 1021, 1024);

        SeqWindow perSecond = new SeqWindow();
        for (int seq = 0; seq < 3_600; seq++) {
            perSecond.remember(seq, T0 + seq * 1_000L, seq, 599_999); // one a second, ten minutes
        }
        assertThat(perSecond.size()).isEqualTo(600);
        assertThat(perSecond.capacity()).isEqualTo(681);
    }

    @Test
    void shrinksWhenFarBelowItsCapacity() {
        SeqWindow w = new SeqWindow();
        for (int seq = 0; seq < 600; seq++) {
            w.remember(seq, T0 + seq * 1_000L, seq, HOUR);
        }
        assertThat(w.capacity()).isEqualTo(681);

        // the sensor slows to one reading an hour: the window falls to two entries
        for (int i = 1; i <= 3; i++) {
            w.remember(600 + i, T0 + i * HOUR + 600_000, 600 + i, HOUR);
        }

        assertThat(w.size()).isEqualTo(2);
        assertThat(w.capacity()).isEqualTo(SeqWindow.MIN_CAPACITY);
        assertThat(w.find(602)).isEqualTo(new SeqCheck.Seen(T0 + 2 * HOUR + 600_000, 602));
        assertThat(w.find(603)).isEqualTo(new SeqCheck.Seen(T0 + 3 * HOUR + 600_000, 603));
        assertThat(w.find(599)).isNull();
    }

    @Test
    void givesBackTimesExactlyOnEitherSideOfTheBaseAndAcrossARebase() {
        SeqWindow w = new SeqWindow();
        long horizon = 45 * DAY;
        long[] times = {
            T0, T0 - 1, T0 + 1,
            T0 + Integer.MAX_VALUE, // the first base is T0: the largest offset that fits
            T0 + Integer.MAX_VALUE + 1L, // does not fit: the base moves
            T0 - 10 * DAY, // older than the first base, within the horizon
            T0 + 30 * DAY,
            T0 + 30 * DAY + 7,
        };
        for (int i = 0; i < times.length; i++) {
            w.remember(i, times[i], i, horizon);
        }

        assertThat(w.isWide()).isFalse();
        for (int i = 0; i < times.length; i++) {
            assertThat(w.find(i)).as("seq %d", i).isEqualTo(new SeqCheck.Seen(times[i], i));
        }
    }

    @Test
    void fallsBackToLongsWhenTimesSpanMoreThanAnIntAndNarrowsOnceTheyAreForgotten() {
        SeqWindow w = new SeqWindow();
        long horizon = 100 * DAY;
        w.remember(1, T0, 1, horizon);
        w.remember(2, T0 + 60 * DAY, 2, horizon); // 60 days: more than 2^32 ms (49.7 days)

        assertThat(w.isWide()).isTrue();
        assertThat(w.find(1)).isEqualTo(new SeqCheck.Seen(T0, 1));
        assertThat(w.find(2)).isEqualTo(new SeqCheck.Seen(T0 + 60 * DAY, 2));

        w.remember(3, T0 + 101 * DAY, 3, horizon); // the first falls behind the horizon

        assertThat(w.isWide()).isFalse();
        assertThat(w.find(1)).isNull();
        assertThat(w.find(2)).isEqualTo(new SeqCheck.Seen(T0 + 60 * DAY, 2));
        assertThat(w.find(3)).isEqualTo(new SeqCheck.Seen(T0 + 101 * DAY, 3));
    }

    @Test
    void findsOnlyTheExactSeqWhenSeqsAreFarFromTheBase() {
        SeqWindow w = new SeqWindow();
        w.remember(5, T0, 5, HOUR);

        // a seq that would look like 5 if only 32 bits were kept, or that lies outside an int of the base
        assertThat(w.find(5 + (1L << 32))).isNull();
        assertThat(w.find(5 - (1L << 32))).isNull();
        assertThat(w.find(Long.MIN_VALUE)).isNull();
        assertThat(w.find(5 + Integer.MAX_VALUE)).isNull();

        w.remember(3_000_000_000L, T0 + 1, 6, HOUR); // fits one int span with 5: the base moves
        assertThat(w.isWide()).isFalse();
        assertThat(w.find(5)).isEqualTo(new SeqCheck.Seen(T0, 5));
        assertThat(w.find(3_000_000_000L)).isEqualTo(new SeqCheck.Seen(T0 + 1, 6));
        assertThat(w.find(3_000_000_005L)).isNull();
        assertThat(w.find(2_999_999_999L)).isNull();
    }

    @Test
    void fallsBackToLongsWhenSeqsSpanMoreThanAnInt() {
        SeqWindow w = new SeqWindow();
        w.remember(1_795_248_900_000L, T0, 1, HOUR); // a gateway numbering with epoch milliseconds
        w.remember(0, T0 + 1_000, 2, HOUR); // then it restarts from zero

        assertThat(w.isWide()).isTrue();
        assertThat(w.find(1_795_248_900_000L)).isEqualTo(new SeqCheck.Seen(T0, 1));
        assertThat(w.find(0)).isEqualTo(new SeqCheck.Seen(T0 + 1_000, 2));
        assertThat(w.find(1_795_248_900_000L & 0xFFFF_FFFFL)).isNull();

        w.remember(1, T0 + HOUR + 2_000, 3, HOUR); // the old numbering falls behind the horizon

        assertThat(w.isWide()).isFalse();
        assertThat(w.find(1_795_248_900_000L)).isNull();
        assertThat(w.find(0)).isNull();
        assertThat(w.find(1)).isEqualTo(new SeqCheck.Seen(T0 + HOUR + 2_000, 3));
    }

    @Test
    void aFullWindowOfAnOldNumberingDrainsAndGoesBackToInts() {
        SeqWindow w = new SeqWindow();
        long oldBase = 1_795_248_900_000L; // epoch-millisecond seqs
        for (int i = 0; i < SeqWindow.MAX_ENTRIES; i++) {
            w.remember(oldBase + i, T0 + i, i, HOUR);
        }
        // the sensor restarts from 0: every new reading pushes one old reading out of the full window
        for (int i = 0; i < SeqWindow.MAX_ENTRIES; i++) {
            w.remember(i, T0 + SeqWindow.MAX_ENTRIES + i, -i, HOUR);
            if (i < SeqWindow.MAX_ENTRIES - 1) {
                assertThat(w.isWide()).as("reading %d, old ones still held", i).isTrue();
            }
            assertThat(w.find(i)).isEqualTo(new SeqCheck.Seen(T0 + SeqWindow.MAX_ENTRIES + i, -i));
        }
        assertThat(w.find(oldBase + SeqWindow.MAX_ENTRIES - 1)).isNull();
        // all old readings are gone; attempts to narrow wait for half a window of evictions after a
        // failed one, so it is back to ints within half a window more
        int extra = 0;
        while (w.isWide() && extra <= SeqWindow.MAX_ENTRIES / 2) {
            long seq = SeqWindow.MAX_ENTRIES + extra;
            w.remember(seq, T0 + 2L * SeqWindow.MAX_ENTRIES + extra, extra, HOUR);
            extra++;
        }
        assertThat(w.isWide()).isFalse();
        assertThat(extra).isLessThanOrEqualTo(SeqWindow.MAX_ENTRIES / 2);
        for (int i = extra; i < SeqWindow.MAX_ENTRIES; i++) {
            assertThat(w.find(i)).isEqualTo(new SeqCheck.Seen(T0 + SeqWindow.MAX_ENTRIES + i, -i));
        }
        assertThat(w.size()).isEqualTo(SeqWindow.MAX_ENTRIES);
    }

    @Test
    void handlesTheExtremesOfLong() {
        SeqWindow w = new SeqWindow();
        w.remember(Long.MAX_VALUE, Long.MAX_VALUE, 1, Long.MAX_VALUE);
        w.remember(Long.MIN_VALUE, Long.MIN_VALUE, 2, Long.MAX_VALUE);
        w.remember(0, 0, 3, Long.MAX_VALUE);

        assertThat(w.find(Long.MAX_VALUE)).isEqualTo(new SeqCheck.Seen(Long.MAX_VALUE, 1));
        assertThat(w.find(Long.MIN_VALUE)).isEqualTo(new SeqCheck.Seen(Long.MIN_VALUE, 2));
        assertThat(w.find(0)).isEqualTo(new SeqCheck.Seen(0, 3));
        assertThat(w.find(1)).isNull();
        assertThat(w.find(-1)).isNull();
    }

    /**
     * The window against the ring it replaced, written out plainly (a deque of absolute longs):
     * sensors with steady, jittered, late and wildly stamped readings, seq restarts and seqs far
     * apart, every answer of find compared, with seqs probed around those remembered.
     */
    @Test
    void answersExactlyAsThePlainRingItReplaced() {
        Random random = new Random(20_261_121);
        int[] modeChanges = new int[2];
        for (int run = 0; run < 160; run++) {
            long horizon = switch (run % 4) {
                case 0 -> 600_000;
                case 1 -> 5_000;
                case 2 -> 40 * DAY;
                default -> 120 * DAY;
            };
            SeqWindow w = new SeqWindow();
            Reference ref = new Reference();
            boolean wasWide = false;
            long seq = random.nextInt(1_000);
            long ts = T0 + random.nextInt(1_000_000);
            int steps = 50 + random.nextInt(2_500);
            for (int step = 0; step < steps; step++) {
                int kind = random.nextInt(100);
                if (kind < 80) {
                    seq++;
                    ts += random.nextInt(2_000);
                } else if (kind < 88) {
                    seq = random.nextInt(20); // restarted numbering
                } else if (kind < 92) {
                    ts -= random.nextInt(2 * (int) Math.min(horizon, Integer.MAX_VALUE / 2)); // late
                } else if (kind < 95) {
                    ts += (random.nextBoolean() ? 1 : -1) * (long) random.nextInt(70) * DAY; // a wild clock
                } else if (kind < 98) {
                    seq += (random.nextBoolean() ? 1 : -1) * (long) random.nextInt(8) << 31; // far away
                } else {
                    seq = random.nextLong();
                }
                int fingerprint = random.nextInt();
                ref.remember(seq, ts, fingerprint, horizon);
                w.remember(seq, ts, fingerprint, horizon);

                if (w.size() != ref.entries.size()) {
                    assertThat(w.size()).as("run %d step %d: %s", run, step, w).isEqualTo(ref.entries.size());
                }
                for (long probe : new long[] {seq, seq - 1, seq + 1, seq + (1L << 32), seq - (1L << 32),
                    ref.randomSeq(random), ref.randomSeq(random) + 1}) {
                    SeqCheck.Seen seen = w.find(probe);
                    if (!Objects.equals(seen, ref.find(probe))) {
                        assertThat(seen).as("run %d step %d seq %d", run, step, probe).isEqualTo(ref.find(probe));
                    }
                }
                boolean wide = w.isWide();
                if (wide != wasWide) {
                    modeChanges[wide ? 1 : 0]++;
                    wasWide = wide;
                }
            }
            for (Entry e : ref.entries) {
                assertThat(w.find(e.seq)).isEqualTo(ref.find(e.seq));
            }
        }
        // the runs went through both layouts, back and forth
        assertThat(modeChanges[1]).as("to longs").isGreaterThan(20);
        assertThat(modeChanges[0]).as("back to ints").isGreaterThan(20);
    }

    private record Entry(long seq, long ts, int fingerprint) {
    }

    /** The previous SeqWindow's rules, without its arrays. */
    private static final class Reference {
        final Deque<Entry> entries = new ArrayDeque<>();
        long newest = Long.MIN_VALUE;

        void remember(long seq, long ts, int fingerprint, long horizon) {
            if (entries.size() == SeqWindow.MAX_ENTRIES) {
                entries.removeFirst();
            }
            entries.addLast(new Entry(seq, ts, fingerprint));
            newest = Math.max(newest, ts);
            while (entries.size() > 1 && entries.getFirst().ts < newest - horizon) {
                entries.removeFirst();
            }
        }

        SeqCheck.Seen find(long seq) {
            for (Iterator<Entry> it = entries.descendingIterator(); it.hasNext(); ) {
                Entry e = it.next();
                if (e.seq == seq) {
                    return new SeqCheck.Seen(e.ts, e.fingerprint);
                }
            }
            return null;
        }

        long randomSeq(Random random) {
            int skip = random.nextInt(entries.size());
            Iterator<Entry> it = entries.iterator();
            for (int i = 0; i < skip; i++) {
                it.next();
            }
            return it.next().seq;
        }
    }
}
