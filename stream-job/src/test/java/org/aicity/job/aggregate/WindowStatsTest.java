package org.aicity.job.aggregate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WindowStatsTest {

    @Test
    void shouldComputeCountMeanMinMaxAndLast() {
        WindowStats s = WindowStats.EMPTY.add(3.0, 1_000, 1).add(1.0, 2_000, 2).add(8.0, 3_000, 3);

        assertThat(s.count()).isEqualTo(3);
        assertThat(s.mean()).isCloseTo(4.0, within(1e-12));
        assertThat(s.min()).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(8.0);
        assertThat(s.last()).isEqualTo(8.0);
        assertThat(s.lastTsMillis()).isEqualTo(3_000);
    }

    @Test
    void shouldTakeLastByEventTimeNotArrivalOrder() {
        WindowStats s = WindowStats.EMPTY.add(5.0, 3_000, 3).add(7.0, 1_000, 1);

        assertThat(s.last()).isEqualTo(5.0);
        assertThat(s.lastTsMillis()).isEqualTo(3_000);
    }

    @Test
    void shouldBreakEventTimeTiesBySeq() {
        WindowStats a = WindowStats.EMPTY.add(1.0, 1_000, 7).add(2.0, 1_000, 6);
        WindowStats b = WindowStats.EMPTY.add(2.0, 1_000, 6).add(1.0, 1_000, 7);

        assertThat(a.last()).isEqualTo(1.0);
        assertThat(b.last()).isEqualTo(1.0);
    }

    @Test
    void shouldMergeAsIfAddedTogether() {
        WindowStats left = WindowStats.EMPTY.add(4.0, 1_000, 1).add(-2.0, 5_000, 5);
        WindowStats right = WindowStats.EMPTY.add(10.0, 3_000, 3);
        WindowStats all = WindowStats.EMPTY.add(4.0, 1_000, 1).add(-2.0, 5_000, 5).add(10.0, 3_000, 3);

        assertThat(left.merge(right)).isEqualTo(all);
        assertThat(right.merge(left)).isEqualTo(all);
        assertThat(WindowStats.EMPTY.merge(left)).isEqualTo(left);
        assertThat(left.merge(WindowStats.EMPTY)).isEqualTo(left);
    }

    @Test
    void shouldHaveNoMeanWhenEmpty() {
        assertThat(WindowStats.EMPTY.count()).isZero();
        assertThat(WindowStats.EMPTY.mean()).isNaN();
    }
}
