package org.aicity.job.judge;

/**
 * One minute's evidence for one alert slot.
 *
 * @param score    in [0, 1]; 0 is evidence of recovery
 * @param decisive whether one minute of it may open an alert (see {@link AlertLifecycle#observe})
 * @param evidence what showed it; empty when the score is 0
 */
public record Evidence(AlertKind kind, String subjectId, double score, boolean decisive, Severity severity, String summary,
                       String[] evidence) {
}
