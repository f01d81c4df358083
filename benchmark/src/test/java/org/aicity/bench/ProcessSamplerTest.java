package org.aicity.bench;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A step's CPU window ends at its last mark, so the idle wait after it does not dilute the shares. */
class ProcessSamplerTest {

    @Test
    void aWindowClosedAtItsMarkLeavesOutWhatCameAfter() throws Exception {
        ProcessSampler sampler = new ProcessSampler("this JVM", () -> List.of(ProcessHandle.current()), false);
        long beforeBegin = System.nanoTime();
        sampler.begin();
        double spun = spinCpuSeconds(0.3);
        sampler.mark();
        double beginToMarkAtMost = (System.nanoTime() - beforeBegin) / 1e9;
        Thread.sleep(500);

        ProcessSampler.ProcessFigures atMark = sampler.endAtMark();

        assertThat(atMark.cpuSeconds()).isGreaterThanOrEqualTo(spun - 0.02); // /proc counts in 10-ms ticks
        // the window is bounded by clock readings taken around begin() and mark(), so the 0.5-s sleep is not in it
        assertThat(atMark.wallSeconds()).isLessThanOrEqualTo(beginToMarkAtMost).isGreaterThanOrEqualTo(spun);
        assertThat(atMark.cpuPercent()).isEqualTo(100 * atMark.cpuSeconds() / atMark.wallSeconds());
        assertThat(atMark.process()).isEqualTo("this JVM");
    }

    @Test
    void withoutAMarkTheWindowEndsNow() throws Exception {
        ProcessSampler s = new ProcessSampler("this JVM", () -> List.of(ProcessHandle.current()), false);
        s.begin();
        Thread.sleep(200);
        assertThat(s.endAtMark().wallSeconds()).isGreaterThanOrEqualTo(0.2);
    }

    @Test
    void aNewWindowForgetsThePreviousMark() throws Exception {
        ProcessSampler s = new ProcessSampler("this JVM", () -> List.of(ProcessHandle.current()), false);
        s.begin();
        s.mark();
        s.begin();
        Thread.sleep(200);
        assertThat(s.endAtMark().wallSeconds()).isGreaterThanOrEqualTo(0.2);
    }

    /** Busy work on this thread until it has used {@code seconds} of its own CPU time; returns what it used. */
    private static double spinCpuSeconds(double seconds) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long start = mx.getCurrentThreadCpuTime();
        long x = 1;
        while (mx.getCurrentThreadCpuTime() - start < seconds * 1e9) {
            for (int i = 0; i < 100_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        assertThat(x).isNotZero(); // keeps the loop from being optimised away
        return (mx.getCurrentThreadCpuTime() - start) / 1e9;
    }
}
