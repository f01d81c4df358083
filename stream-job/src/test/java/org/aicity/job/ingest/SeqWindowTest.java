package org.aicity.job.ingest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeqWindowTest {

    private static final long HOUR = 3_600_000;

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
}
