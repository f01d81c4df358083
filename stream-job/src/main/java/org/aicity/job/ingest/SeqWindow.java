package org.aicity.job.ingest;

/**
 * The recent readings of one sensor, for deduplication: (seq, event time, values fingerprint) of
 * at most {@link #MAX_ENTRIES} readings, none older (in event time) than a horizon behind the
 * sensor's newest one. A ring of primitive arrays in one keyed value.
 *
 * <p>Why not a {@code MapState<seq, ...>} with a TTL: on the heap state backend a map state is
 * one hash map per key, and TTL's incremental cleanup walks whole maps on every access; with
 * a one-hour TTL that was most of the job's CPU at a few thousand readings per second. A
 * redelivery comes from the broker's unacknowledged window (since the last completed checkpoint,
 * plus a restart), so minutes of memory suffice, and the database's natural key stays the last
 * guard against storing a reading twice.
 *
 * <p>Public, with public fields and a no-argument constructor, so that Flink serialises it as a
 * POJO rather than with Kryo.
 */
public final class SeqWindow {

    /** Upper bound per sensor, so that a chatty sensor cannot grow the state without limit. */
    public static final int MAX_ENTRIES = 1024;

    public long[] seqs = new long[0];
    public long[] tsMillis = new long[0];
    public long[] fingerprints = new long[0];
    /** Index of the oldest entry. */
    public int start;
    public int size;
    public long newestTsMillis = Long.MIN_VALUE;
    /** At least the largest seq present: a seq above it is new without a scan (the common case). */
    public long maxSeq = Long.MIN_VALUE;

    public SeqWindow() {
    }

    /** What was remembered under this seq (the newest such entry), or null. */
    SeqCheck.Seen find(long seq) {
        if (seq > maxSeq) {
            return null;
        }
        for (int i = size - 1; i >= 0; i--) {
            int at = (start + i) % seqs.length;
            if (seqs[at] == seq) {
                return new SeqCheck.Seen(tsMillis[at], fingerprints[at]);
            }
        }
        return null;
    }

    /** Remembers an accepted reading and forgets what fell out of the horizon or over the bound. */
    void remember(long seq, long ts, long fingerprint, long horizonMillis) {
        if (size == MAX_ENTRIES) {
            dropOldest();
        } else if (size == seqs.length) {
            grow();
        }
        int at = (start + size) % seqs.length;
        seqs[at] = seq;
        tsMillis[at] = ts;
        fingerprints[at] = fingerprint;
        size++;
        newestTsMillis = Math.max(newestTsMillis, ts);
        maxSeq = Math.max(maxSeq, seq);
        long oldestKept = newestTsMillis - horizonMillis;
        while (size > 1 && tsMillis[start] < oldestKept) {
            dropOldest();
        }
    }

    int size() {
        return size;
    }

    private void dropOldest() {
        start = (start + 1) % seqs.length;
        size--;
    }

    private void grow() {
        int capacity = Math.min(MAX_ENTRIES, Math.max(8, seqs.length * 2));
        long[] s = new long[capacity];
        long[] t = new long[capacity];
        long[] f = new long[capacity];
        for (int i = 0; i < size; i++) {
            int at = (start + i) % seqs.length;
            s[i] = seqs[at];
            t[i] = tsMillis[at];
            f[i] = fingerprints[at];
        }
        seqs = s;
        tsMillis = t;
        fingerprints = f;
        start = 0;
    }
}
