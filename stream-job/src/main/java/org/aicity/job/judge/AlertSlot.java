package org.aicity.job.judge;

/** The stored state of one (kind, subject) alert slot of a district: its lifecycle and the alert it shows. */
public record AlertSlot(AlertLifecycle lifecycle, Severity severity, String summary, String[] evidence) {
}
