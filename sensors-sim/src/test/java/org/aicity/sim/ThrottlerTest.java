package org.aicity.sim;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottlerTest {

    private static final long MS = 1_000_000;

    @Test
    void sendsAtOnceWithinTheSkippedWaitAndCatchesUpWithoutWaiting() throws Exception {
        AtomicLong clock = new AtomicLong(1_000 * MS);
        AtomicInteger waits = new AtomicInteger();
        CountDownLatch stop = new CountDownLatch(1) {
            @Override
            public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
                waits.incrementAndGet();
                return super.await(timeout, unit);
            }
        };
        Throttler t = new Throttler(clock::get, stop);
        clock.addAndGet(5 * MS);
        // due in the past (the publisher is behind) or less than the skipped wait ahead: no wait
        assertThat(t.awaitOffset(1 * MS)).isTrue();
        assertThat(t.awaitOffset(5 * MS)).isTrue();
        assertThat(t.awaitOffset(5 * MS + Throttler.MIN_WAIT_NANOS - 1)).isTrue();
        assertThat(waits).as("no wait at all").hasValue(0);
        assertThat(t.elapsedNanos()).isEqualTo(5 * MS);
        // the skipped wait's bound itself is waited for (on the fake clock, for MIN_WAIT real time at most)
        assertThat(t.awaitOffset(5 * MS + Throttler.MIN_WAIT_NANOS)).isTrue();
        assertThat(waits).as("a wait of the skipped wait's length is not skipped").hasValue(1);
    }

    @Test
    void waitsForAMessageDueLaterThanTheSkippedWaitAndNeverSendsItMoreThanThatEarly() throws Exception {
        Throttler t = new Throttler(System::nanoTime, new CountDownLatch(1));
        long due = 30 * MS;
        assertThat(t.awaitOffset(due)).isTrue();
        assertThat(t.elapsedNanos()).as("at most the skipped wait before its due time")
            .isGreaterThanOrEqualTo(due - Throttler.MIN_WAIT_NANOS);
        // many messages 0.5 ms apart (2,000/s): none goes out more than the skipped wait early
        for (int i = 1; i <= 100; i++) {
            long offset = due + i * MS / 2;
            assertThat(t.awaitOffset(offset)).isTrue();
            assertThat(t.elapsedNanos()).as("message %d", i).isGreaterThanOrEqualTo(offset - Throttler.MIN_WAIT_NANOS);
        }
    }

    @Test
    void endsAWaitWhenTheRunIsStopped() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        Throttler t = new Throttler(System::nanoTime, stop);
        new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            stop.countDown();
        }).start();
        long before = System.nanoTime();
        assertThat(t.awaitOffset(TimeUnit.MINUTES.toNanos(10))).as("stopped, not due").isFalse();
        assertThat(System.nanoTime() - before).isLessThan(TimeUnit.SECONDS.toNanos(30));
        assertThat(t.awaitOffset(0)).as("a stopped run sends no more").isFalse();
    }
}
