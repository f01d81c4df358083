package org.aicity.job.judge;

import java.time.Instant;

/**
 * The state of one (subject, kind) alert slot and its transitions: closed → open after
 * {@link AlertPolicy#openAfter} minutes of evidence (or one overwhelming minute of decisive evidence), open → closed
 * after {@link AlertPolicy#closeAfter} minutes of recovery. Minutes between the thresholds keep
 * the state and reset both runs' progress towards the other state. Immutable.
 *
 * @param evidenceSince the first minute of the current evidence run (the alert's start once open)
 * @param raisedAt      when the alert was opened: the end of the minute that decided it
 */
public record AlertLifecycle(boolean open, int evidenceRun, int recoveryRun, Instant evidenceSince, Instant raisedAt,
                             double peakScore) {

    public enum Transition { NONE, OPENED, CLOSED }

    public record Step(AlertLifecycle state, Transition transition) {
    }

    public static final AlertLifecycle CLOSED = new AlertLifecycle(false, 0, 0, null, null, 0);

    /**
     * Folds the score of the minute starting at {@code minute} into the state.
     *
     * @param decisive whether this evidence may open an alert in one minute (a failed fault check
     *                 is a fact; a residual pattern needs confirmation)
     */
    public Step observe(Instant minute, double score, boolean decisive, AlertPolicy p) {
        Instant minuteEnd = minute.plusSeconds(60);
        if (!open) {
            if (score >= p.openScore()) {
                int run = evidenceRun + 1;
                Instant since = evidenceRun == 0 ? minute : evidenceSince;
                double peak = Math.max(evidenceRun == 0 ? 0 : peakScore, score);
                if (run >= p.openAfter() || (decisive && score >= p.immediateScore())) {
                    return new Step(new AlertLifecycle(true, run, 0, since, minuteEnd, peak), Transition.OPENED);
                }
                return new Step(new AlertLifecycle(false, run, 0, since, null, peak), Transition.NONE);
            }
            return new Step(CLOSED, Transition.NONE);
        }
        if (score < p.closeScore()) {
            int run = recoveryRun + 1;
            if (run >= p.closeAfter()) {
                return new Step(CLOSED, Transition.CLOSED);
            }
            return new Step(new AlertLifecycle(true, evidenceRun, run, evidenceSince, raisedAt, peakScore), Transition.NONE);
        }
        return new Step(new AlertLifecycle(true, evidenceRun + 1, 0, evidenceSince, raisedAt, Math.max(peakScore, score)),
            Transition.NONE);
    }
}
