package org.aicity.job.judge;

/** How urgent an alert is, in increasing order. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    public Severity max(Severity other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
