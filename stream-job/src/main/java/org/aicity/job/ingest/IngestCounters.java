package org.aicity.job.ingest;

import java.time.Duration;
import java.time.Instant;

/**
 * The mutable counters behind {@link IngestStatus}, for one subtask. Plain Java; the operator
 * keeps one instance and checkpoints it as a {@link Snapshot}.
 */
public final class IngestCounters {

    /** Checkpointed form; a record so Flink serialises it as a POJO. */
    public record Snapshot(int subtask, long messagesIn, long readingsValid, long readingsInvalid, long duplicates,
                    long maxEventTimeMillis) {
    }

    private final int subtask;
    private long messagesIn;
    private long readingsValid;
    private long readingsInvalid;
    private long duplicates;
    private long maxEventTimeMillis = Long.MIN_VALUE;
    private boolean changed;

    IngestCounters(int subtask) {
        this.subtask = subtask;
    }

    static IngestCounters restore(Snapshot s) {
        IngestCounters c = new IngestCounters(s.subtask());
        c.messagesIn = s.messagesIn();
        c.readingsValid = s.readingsValid();
        c.readingsInvalid = s.readingsInvalid();
        c.duplicates = s.duplicates();
        c.maxEventTimeMillis = s.maxEventTimeMillis();
        c.changed = true; // emit once after a restore so the row reflects the restored counts
        return c;
    }

    Snapshot snapshot() {
        return new Snapshot(subtask, messagesIn, readingsValid, readingsInvalid, duplicates, maxEventTimeMillis);
    }

    void messageIn() {
        messagesIn++;
        changed = true;
    }

    void invalid(int n) {
        readingsInvalid += n;
    }

    void duplicate() {
        duplicates++;
    }

    void valid(Instant eventTime) {
        readingsValid++;
        maxEventTimeMillis = Math.max(maxEventTimeMillis, eventTime.toEpochMilli());
    }

    boolean changedSinceLastStatus() {
        return changed;
    }

    /** The current counts as a status record; clears the changed flag. */
    IngestStatus toStatus(String pipeline, Duration outOfOrderness, Instant now) {
        changed = false;
        Instant last = maxEventTimeMillis == Long.MIN_VALUE ? null : Instant.ofEpochMilli(maxEventTimeMillis);
        return new IngestStatus(pipeline, subtask, messagesIn, readingsValid, readingsInvalid, duplicates,
            last, last == null ? null : last.minus(outOfOrderness), now);
    }
}
