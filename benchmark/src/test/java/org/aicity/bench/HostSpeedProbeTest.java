package org.aicity.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link HostSpeedProbe}: the same work every time, and a time for it. */
class HostSpeedProbeTest {

    @Test
    void theWorkIsTheSameForTheSameSeedAndDependsOnIt() {
        long a = new HostSpeedProbe().work(7);
        long b = new HostSpeedProbe().work(7);
        long c = new HostSpeedProbe().work(8);
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void itTimesTheWorkInMilliseconds() {
        double ms = new HostSpeedProbe().warmedUp().medianMillis();
        // two million steps take at least a nanosecond each on any machine, and not a minute
        assertThat(ms).isGreaterThan(2.0).isLessThan(60_000.0);
    }
}
