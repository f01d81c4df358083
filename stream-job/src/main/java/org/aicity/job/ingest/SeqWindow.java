package org.aicity.job.ingest;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The recent readings of one sensor, for deduplication: (seq, event time, values fingerprint) of
 * at most {@link #MAX_ENTRIES} readings, none older (in event time) than a horizon behind the
 * sensor's newest one. A ring of primitive arrays in one keyed value, in arrival order.
 *
 * <p>Why not a {@code MapState<seq, ...>} with a TTL: on the heap state backend a map state is
 * one hash map per key, and TTL's incremental cleanup walks whole maps on every access; with
 * a one-hour TTL that was most of the job's CPU at a few thousand readings per second. A
 * redelivery comes from the broker's unacknowledged window (since the last completed checkpoint,
 * plus a restart), so minutes of memory suffice, and the database's natural key stays the last
 * guard against storing a reading twice.
 *
 * <p>Compact: 12 bytes an entry, in three {@code int[]}: the seq as an offset from
 * {@code seqBase}, the event time as milliseconds from {@code tsBase}, and a 32-bit fingerprint of
 * the metric values ({@link SeqCheck#fingerprint}). Both bases are chosen so that every live entry
 * fits; a reading that does not fit moves them (an O(size) pass, which a sensor stepping through
 * time meets about once in 24 days). When the live entries span more than 2^32 − 1 seqs or
 * milliseconds (49.7 days), which takes a numbering reset from above four billion or a reading
 * stamped weeks away from the others, the window falls back to absolute {@code long[]} seqs and
 * times (20 bytes an entry) until those entries are forgotten. Either way a seq or time is stored
 * exactly: a seq never sent is never found, and a time comes back to the millisecond.
 *
 * <p>The 32-bit fingerprint: two readings with the same seq and time but other values are told
 * apart unless their fingerprints collide, with a chance of 2^-32 per such pair. A colliding
 * conflict is then counted as a duplicate and dropped, instead of going to the dead letters; the
 * first reading is kept either way, so what is stored does not change, only a dead letter is missing.
 *
 * <p>The capacity grows by half (8, 12, 18, ... 681, 1021, 1024), so that a sensor holding 600
 * entries uses a ring of 681 rather than 1024, and shrinks when the window falls below a third of it.
 *
 * <p>Flink stores it with {@link SeqWindowSerializer}, which writes the {@link #size()} live entries
 * in the versioned format of {@link #writeTo} (one bulk write); so it needs no POJO shape, and its
 * fields are private. One constraint remains from the POJO it was: a checkpoint of the old job holds
 * it as "recent-readings", and the heap state backend deserialises that state on restore (though
 * nothing reads it) with Flink's POJO serializer, which sets the fields of this class by name. So
 * no field may take one of the old names ({@code seqs}, {@code tsMillis}, {@code fingerprints}:
 * {@code long[]}; {@code start}, {@code size}: int; {@code newestTsMillis}, {@code maxSeq}: long)
 * with another type, or such a restore fails.
 */
final class SeqWindow {

    /** Upper bound per sensor, so that a chatty sensor cannot grow the state without limit. */
    static final int MAX_ENTRIES = 1024;
    static final int MIN_CAPACITY = 8;

    /** The largest span (highest minus lowest value) that int offsets can hold. */
    private static final long MAX_SPAN = 0xFFFF_FFFFL;
    private static final int[] NO_INTS = new int[0];

    /** Version of the {@link #writeTo} format. */
    static final int FORMAT_VERSION = 1;
    private static final byte COMPACT = 0;
    private static final byte WIDE = 1;
    /** After the version, the layout and the size: four longs (newest ts, max seq, the two bases). */
    private static final int HEADER_REST = 4 * Long.BYTES;

    /** Compact: seq − seqBase, or null when wide. */
    private int[] seqOffsets = NO_INTS;
    /** Compact: ts − tsBase in milliseconds, or null when wide. */
    private int[] tsOffsets = NO_INTS;
    /** Wide: absolute seqs, or null when compact. */
    private long[] wideSeqs;
    /** Wide: absolute times, or null when compact. */
    private long[] wideTs;
    /** The 32-bit fingerprints (not "fingerprints": see the class comment). */
    private int[] valueFingerprints = NO_INTS;
    private long seqBase;
    private long tsBase;
    /** Index of the oldest entry. */
    private int start;
    private int size;
    private long newestTsMillis = Long.MIN_VALUE;
    /** At least the largest seq present: a seq above it is new without a scan (the common case). */
    private long maxSeq = Long.MIN_VALUE;
    /**
     * Wide: evictions to wait before the next attempt to go back to int offsets. Each attempt scans
     * the window, so after one fails the next waits for half the window to be evicted: amortised
     * O(1) a reading, instead of a 1,024-entry scan for every reading while the old numbering
     * drains. Not state: a restored window simply tries at its next eviction.
     */
    private transient int evictionsBeforeNarrowing;

    SeqWindow() {
    }

    /** What was remembered under this seq (the newest such entry), or null. */
    SeqCheck.Seen find(long seq) {
        if (seq > maxSeq || size == 0) {
            return null;
        }
        if (wideSeqs == null) {
            if (!fitsInt(seq, seqBase)) {
                return null; // every stored seq is within an int of the base
            }
            int o = (int) (seq - seqBase);
            for (int i = size - 1; i >= 0; i--) {
                int at = index(i);
                if (seqOffsets[at] == o) {
                    return new SeqCheck.Seen(tsBase + tsOffsets[at], valueFingerprints[at]);
                }
            }
        } else {
            for (int i = size - 1; i >= 0; i--) {
                int at = index(i);
                if (wideSeqs[at] == seq) {
                    return new SeqCheck.Seen(wideTs[at], valueFingerprints[at]);
                }
            }
        }
        return null;
    }

    /** Remembers an accepted reading and forgets what fell out of the horizon or over the bound. */
    void remember(long seq, long ts, int fingerprint, long horizonMillis) {
        long newest = Math.max(newestTsMillis, ts);
        long oldestKept = newest - horizonMillis;
        if (oldestKept > newest) {
            oldestKept = Long.MIN_VALUE; // underflow: nothing is that old
        }
        // The new entry is never forgotten here. Before it goes in at the end: the oldest one when
        // the window is full, then the oldest ones while they are behind the horizon; the same
        // entries as appending first and evicting down to the new one, without growing first.
        int sizeBefore = size;
        if (size == MAX_ENTRIES) {
            dropOldest();
        }
        while (size > 0 && tsAt(start) < oldestKept) {
            dropOldest();
        }
        if (wideSeqs != null) {
            evictionsBeforeNarrowing -= sizeBefore - size;
            if (size < sizeBefore && evictionsBeforeNarrowing <= 0 && !tryNarrow(seq, ts)) {
                evictionsBeforeNarrowing = Math.max(1, size / 2);
            }
        } else if (!fitsInt(seq, seqBase) || !fitsInt(ts, tsBase)) {
            rebaseOrWiden(seq, ts);
        }
        int capacity = valueFingerprints.length;
        if (size == capacity) {
            resize(nextCapacity(capacity));
        } else if (capacity > MIN_CAPACITY && (size + 1) * 3 < capacity) {
            resize(Math.max(MIN_CAPACITY, 2 * (size + 1)));
        }
        int at = index(size);
        if (wideSeqs == null) {
            seqOffsets[at] = (int) (seq - seqBase);
            tsOffsets[at] = (int) (ts - tsBase);
        } else {
            wideSeqs[at] = seq;
            wideTs[at] = ts;
        }
        valueFingerprints[at] = fingerprint;
        size++;
        newestTsMillis = newest;
        maxSeq = Math.max(maxSeq, seq);
    }

    int size() {
        return size;
    }

    /** The length of the ring (for tests of its growth). */
    int capacity() {
        return valueFingerprints.length;
    }

    /** Whether the window fell back to absolute longs (for tests). */
    boolean isWide() {
        return wideSeqs != null;
    }

    /** The capacity after {@code capacity} when full: half as much again, at most {@link #MAX_ENTRIES}. */
    static int nextCapacity(int capacity) {
        return Math.min(MAX_ENTRIES, Math.max(MIN_CAPACITY, capacity + (capacity >> 1)));
    }

    /** A deep copy, array by array. */
    SeqWindow copy() {
        SeqWindow c = new SeqWindow();
        c.seqOffsets = seqOffsets == null ? null : seqOffsets.clone();
        c.tsOffsets = tsOffsets == null ? null : tsOffsets.clone();
        c.wideSeqs = wideSeqs == null ? null : wideSeqs.clone();
        c.wideTs = wideTs == null ? null : wideTs.clone();
        c.valueFingerprints = valueFingerprints.clone();
        c.seqBase = seqBase;
        c.tsBase = tsBase;
        c.start = start;
        c.size = size;
        c.newestTsMillis = newestTsMillis;
        c.maxSeq = maxSeq;
        return c;
    }

    private int index(int i) {
        int at = start + i;
        int capacity = valueFingerprints.length;
        return at >= capacity ? at - capacity : at;
    }

    /** Whether value − base is an int (without overflowing the long subtraction). */
    private static boolean fitsInt(long value, long base) {
        long d = value - base;
        boolean overflow = ((value ^ base) & (value ^ d)) < 0;
        return !overflow && d == (int) d;
    }

    /** Whether hi − lo (hi ≥ lo) is at most {@link #MAX_SPAN}, without overflowing. */
    private static boolean spanFits(long lo, long hi) {
        long span = hi - lo;
        return span >= 0 && span <= MAX_SPAN; // an overflowed span is negative
    }

    /** A base that puts every value of [lo, hi] within an int of it (the span must fit). */
    private static long centre(long lo, long hi) {
        return lo + ((hi - lo + 1) >>> 1);
    }

    private long seqAt(int at) {
        return wideSeqs == null ? seqBase + seqOffsets[at] : wideSeqs[at];
    }

    private long tsAt(int at) {
        return wideTs == null ? tsBase + tsOffsets[at] : wideTs[at];
    }

    /** The range of the live seqs and times together with a new (seq, ts): {seqLo, seqHi, tsLo, tsHi}. */
    private long[] ranges(long seq, long ts) {
        long seqLo = seq;
        long seqHi = seq;
        long tsLo = ts;
        long tsHi = ts;
        for (int i = 0; i < size; i++) {
            int at = index(i);
            long s = seqAt(at);
            long t = tsAt(at);
            seqLo = Math.min(seqLo, s);
            seqHi = Math.max(seqHi, s);
            tsLo = Math.min(tsLo, t);
            tsHi = Math.max(tsHi, t);
        }
        return new long[] {seqLo, seqHi, tsLo, tsHi};
    }

    /** Compact, and (seq, ts) does not fit the bases: moves them, or falls back to longs. */
    private void rebaseOrWiden(long seq, long ts) {
        long[] r = ranges(seq, ts);
        if (spanFits(r[0], r[1]) && spanFits(r[2], r[3])) {
            rebase(centre(r[0], r[1]), centre(r[2], r[3]));
        } else {
            widen();
        }
    }

    /** Wide, and entries were forgotten: back to int offsets if the rest and (seq, ts) fit; whether it did. */
    private boolean tryNarrow(long seq, long ts) {
        long[] r = ranges(seq, ts);
        boolean fits = spanFits(r[0], r[1]) && spanFits(r[2], r[3]);
        if (fits) {
            long newSeqBase = centre(r[0], r[1]);
            long newTsBase = centre(r[2], r[3]);
            int capacity = valueFingerprints.length;
            int[] s = new int[capacity];
            int[] t = new int[capacity];
            for (int i = 0; i < size; i++) {
                int at = index(i);
                s[at] = (int) (wideSeqs[at] - newSeqBase);
                t[at] = (int) (wideTs[at] - newTsBase);
            }
            seqOffsets = s;
            tsOffsets = t;
            wideSeqs = null;
            wideTs = null;
            seqBase = newSeqBase;
            tsBase = newTsBase;
        }
        return fits;
    }

    private void rebase(long newSeqBase, long newTsBase) {
        for (int i = 0; i < size; i++) {
            int at = index(i);
            seqOffsets[at] = (int) (seqBase + seqOffsets[at] - newSeqBase);
            tsOffsets[at] = (int) (tsBase + tsOffsets[at] - newTsBase);
        }
        seqBase = newSeqBase;
        tsBase = newTsBase;
    }

    private void widen() {
        int capacity = valueFingerprints.length;
        long[] s = new long[capacity];
        long[] t = new long[capacity];
        for (int i = 0; i < size; i++) {
            int at = index(i);
            s[at] = seqBase + seqOffsets[at];
            t[at] = tsBase + tsOffsets[at];
        }
        wideSeqs = s;
        wideTs = t;
        seqOffsets = null;
        tsOffsets = null;
        evictionsBeforeNarrowing = 0;
    }

    private void dropOldest() {
        start = index(1);
        size--;
    }

    /** Moves the live entries to the front of arrays of the given capacity (at least size). */
    private void resize(int capacity) {
        int old = valueFingerprints.length;
        int first = Math.min(size, old - start); // entries before the ring wraps
        valueFingerprints = unwrap(valueFingerprints, capacity, first);
        if (wideSeqs == null) {
            seqOffsets = unwrap(seqOffsets, capacity, first);
            tsOffsets = unwrap(tsOffsets, capacity, first);
        } else {
            wideSeqs = unwrap(wideSeqs, capacity, first);
            wideTs = unwrap(wideTs, capacity, first);
        }
        start = 0;
    }

    private int[] unwrap(int[] a, int capacity, int first) {
        int[] b = new int[capacity];
        System.arraycopy(a, start, b, 0, first);
        System.arraycopy(a, 0, b, first, size - first);
        return b;
    }

    private long[] unwrap(long[] a, int capacity, int first) {
        long[] b = new long[capacity];
        System.arraycopy(a, start, b, 0, first);
        System.arraycopy(a, 0, b, first, size - first);
        return b;
    }

    /**
     * Writes the live entries, oldest first. Format 1: int version, byte layout (0 compact, 1 wide),
     * int size, long newest ts, long max seq, long seq base, long ts base; then the size seqs (ints,
     * or longs when wide), the size times (likewise) and the size valueFingerprints (ints). All in one
     * bulk write: a checkpoint stream pays per call, not per byte.
     */
    void writeTo(DataOutputView out) throws IOException {
        boolean wide = wideSeqs != null;
        int valueBytes = wide ? Long.BYTES : Integer.BYTES;
        ByteBuffer b = ByteBuffer.allocate(Integer.BYTES + 1 + Integer.BYTES + HEADER_REST
            + size * (2 * valueBytes + Integer.BYTES));
        b.putInt(FORMAT_VERSION).put(wide ? WIDE : COMPACT).putInt(size)
            .putLong(newestTsMillis).putLong(maxSeq).putLong(seqBase).putLong(tsBase);
        if (wide) {
            for (int i = 0; i < size; i++) {
                b.putLong(wideSeqs[index(i)]);
            }
            for (int i = 0; i < size; i++) {
                b.putLong(wideTs[index(i)]);
            }
        } else {
            for (int i = 0; i < size; i++) {
                b.putInt(seqOffsets[index(i)]);
            }
            for (int i = 0; i < size; i++) {
                b.putInt(tsOffsets[index(i)]);
            }
        }
        for (int i = 0; i < size; i++) {
            b.putInt(valueFingerprints[index(i)]);
        }
        out.write(b.array());
    }

    /** Reads what {@link #writeTo} wrote; the arrays come back exactly as long as the window. */
    static SeqWindow readFrom(DataInputView in) throws IOException {
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("unknown SeqWindow format version " + version);
        }
        byte layout = in.readByte();
        if (layout != COMPACT && layout != WIDE) {
            throw new IOException("unknown SeqWindow layout " + layout);
        }
        int size = in.readInt();
        if (size < 0 || size > MAX_ENTRIES) {
            throw new IOException("SeqWindow size " + size + " is outside 0.." + MAX_ENTRIES);
        }
        boolean wide = layout == WIDE;
        byte[] bytes = new byte[HEADER_REST + size * (2 * (wide ? Long.BYTES : Integer.BYTES) + Integer.BYTES)];
        in.readFully(bytes);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        SeqWindow w = new SeqWindow();
        w.size = size;
        w.newestTsMillis = b.getLong();
        w.maxSeq = b.getLong();
        w.seqBase = b.getLong();
        w.tsBase = b.getLong();
        if (wide) {
            w.seqOffsets = null;
            w.tsOffsets = null;
            w.wideSeqs = new long[size];
            w.wideTs = new long[size];
            b.asLongBuffer().get(w.wideSeqs).get(w.wideTs);
            b.position(b.position() + 2 * size * Long.BYTES);
        } else {
            w.seqOffsets = new int[size];
            w.tsOffsets = new int[size];
            b.asIntBuffer().get(w.seqOffsets).get(w.tsOffsets);
            b.position(b.position() + 2 * size * Integer.BYTES);
        }
        w.valueFingerprints = new int[size];
        b.asIntBuffer().get(w.valueFingerprints);
        return w;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SeqWindow w) || w.size != size || w.newestTsMillis != newestTsMillis || w.maxSeq != maxSeq) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            int at = index(i);
            int wat = w.index(i);
            if (seqAt(at) != w.seqAt(wat) || tsAt(at) != w.tsAt(wat) || valueFingerprints[at] != w.valueFingerprints[wat]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(newestTsMillis) * 31 + Long.hashCode(maxSeq);
        for (int i = 0; i < size; i++) {
            int at = index(i);
            h = (h * 31 + Long.hashCode(seqAt(at))) * 31 + valueFingerprints[at];
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("SeqWindow[size=").append(size).append(", capacity=").append(valueFingerprints.length)
            .append(wideSeqs == null ? "" : ", wide").append(", newestTs=").append(newestTsMillis).append(", maxSeq=").append(maxSeq);
        for (int i = 0; i < Math.min(size, 8); i++) {
            int at = index(i);
            s.append(i == 0 ? ": " : ", ").append(seqAt(at)).append('@').append(tsAt(at));
        }
        return s.append(size > 8 ? ", ...]" : "]").toString();
    }
}
