package org.aicity.job.judge;

import java.io.Serializable;

/**
 * The hysteresis of an alert: it opens on evidence and closes on recovery, never on one noisy
 * minute either way.
 *
 * @param openScore      a minute's score at or above this is evidence
 * @param openAfter      minutes of evidence in a row that open an alert
 * @param immediateScore a score at or above this opens at once (an impossible value, a dropout)
 * @param closeScore     a minute's score below this is recovery
 * @param closeAfter     minutes of recovery in a row that close an open alert
 */
public record AlertPolicy(double openScore, int openAfter, double immediateScore, double closeScore, int closeAfter)
    implements Serializable {

    public AlertPolicy {
        if (!(closeScore <= openScore && openScore <= immediateScore && immediateScore <= 1 && closeScore >= 0)) {
            throw new IllegalArgumentException("need 0 <= closeScore <= openScore <= immediateScore <= 1");
        }
        if (openAfter < 1 || closeAfter < 1) {
            throw new IllegalArgumentException("openAfter and closeAfter must be at least 1");
        }
    }

    public static AlertPolicy defaults() {
        return new AlertPolicy(0.5, 2, 0.95, 0.2, 5);
    }
}
