package org.aicity.job.judge;

import org.aicity.job.judge.AlertLifecycle.Step;
import org.aicity.job.judge.AlertLifecycle.Transition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlertLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
    private static final AlertPolicy POLICY = new AlertPolicy(0.5, 2, 0.95, 0.2, 3);

    private static List<Transition> run(double... scores) {
        AlertLifecycle state = AlertLifecycle.CLOSED;
        List<Transition> out = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            Step s = state.observe(T0.plusSeconds(60L * i), scores[i], true, POLICY);
            state = s.state();
            out.add(s.transition());
        }
        return out;
    }

    @Test
    void shouldNotOpenOnOneNoisyMinute() {
        assertThat(run(0.7, 0.1, 0.7, 0.0)).containsOnly(Transition.NONE);
    }

    @Test
    void shouldOpenAfterEvidenceInARowAndStartAtItsFirstMinute() {
        Step first = AlertLifecycle.CLOSED.observe(T0, 0.6, false, POLICY);
        Step second = first.state().observe(T0.plusSeconds(60), 0.8, false, POLICY);
        assertThat(second.transition()).isEqualTo(Transition.OPENED);
        assertThat(second.state().evidenceSince()).isEqualTo(T0);
        assertThat(second.state().raisedAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(second.state().peakScore()).isEqualTo(0.8);
    }

    @Test
    void shouldOpenAtOnceOnOverwhelmingDecisiveEvidenceOnly() {
        assertThat(run(1.0)).containsExactly(Transition.OPENED);
        assertThat(AlertLifecycle.CLOSED.observe(T0, 1.0, false, POLICY).transition()).isEqualTo(Transition.NONE);
    }

    @Test
    void shouldStayOpenThroughMinutesBetweenTheThresholdsAndCloseOnlyAfterRecoveryInARow() {
        assertThat(run(1.0, 0.1, 0.1, 0.3, 0.1, 0.1, 0.1, 0.1))
            .containsExactly(Transition.OPENED, Transition.NONE, Transition.NONE, Transition.NONE, Transition.NONE,
                Transition.NONE, Transition.CLOSED, Transition.NONE);
    }

    @Test
    void shouldOpenOnlyOnceWhileOpen() {
        assertThat(run(1.0, 1.0, 1.0, 0.9).stream().filter(t -> t == Transition.OPENED)).hasSize(1);
    }
}
