package org.aicity.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link HostSpeedProbe}: the same work every time, and a time for it. */
class HostSpeedProbeTest {

    @Test
    void theWorkIsTheSameForTheSameSeedAndDependsOnIt() {
        long a = new HostSpeedProbe().work(7, HostSpeedProbe.STEPS);
        long b = new HostSpeedProbe().work(7, HostSpeedProbe.STEPS);
        long c = new HostSpeedProbe().work(8, HostSpeedProbe.STEPS);
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void itTimesTheWorkInMilliseconds() {
        double ms = new HostSpeedProbe().warmedUp().medianMillis();
        // two million steps take at least a nanosecond each on any machine, and not a minute
        assertThat(ms).isGreaterThan(2.0).isLessThan(60_000.0);
    }

    @Test
    void duringAStepItSamplesOnItsOwnThreadUntilStopped() throws Exception {
        HostSpeedProbe probe = new HostSpeedProbe().warmedUp();
        HostSpeedProbe.Sampling sampling = probe.sampleEvery(20);
        long deadline = System.nanoTime() + 30_000_000_000L; // waits for samples, not for a time that a slow host may miss
        while (sampling.samples() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        double median = sampling.stop();
        int taken = sampling.samples();

        assertThat(taken).isGreaterThanOrEqualTo(2);
        assertThat(median).isGreaterThan(2.0).isLessThan(60_000.0);
        Thread.sleep(100);
        assertThat(sampling.samples()).as("no sample after stop").isEqualTo(taken);
    }

    @Test
    void aStepTooShortForASampleHasNoMedian() throws Exception {
        HostSpeedProbe.Sampling sampling = new HostSpeedProbe().sampleEvery(60_000);
        assertThat(sampling.stop()).isNaN();
        assertThat(HostSpeedProbe.median(new double[] {3, 1, 2, 10})).isEqualTo(2.5);
    }
}
