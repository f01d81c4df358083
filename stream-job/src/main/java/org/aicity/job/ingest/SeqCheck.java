package org.aicity.job.ingest;

/**
 * What a reading is, given what its sensor last sent under the same seq within the dedup TTL.
 * Plain Java; {@link DecodeAndDeduplicate} keeps what it has seen of a sensor's recent seqs in a
 * {@link SeqWindow}, which answers with a {@link Seen}.
 *
 * <p>The rule: a (sensor, seq) may come again only as an exact redelivery (same ts, same values),
 * which is dropped silently and counted as a duplicate, or after the sensor reset its numbering,
 * which shows as a later ts. Anything else is the sensor contradicting itself, and the later
 * reading goes to the dead letters; the first one is kept (the database keeps the first too).
 */
public enum SeqCheck {
    /** Not seen before under this seq. */
    NEW,
    /** The same reading again: a redelivery. */
    DUPLICATE,
    /** The same seq with a later ts: the sensor restarted its numbering. Accepted, and remembered instead. */
    RESTARTED,
    /** The same seq and ts with other values. */
    CONFLICTING_VALUES,
    /** The same seq with an earlier ts: numbering cannot go back in time. */
    CONFLICTING_TIME;

    /**
     * What is remembered of a reading: its event time and a fingerprint of its metric values
     * ({@link #fingerprint}; {@link SeqWindow} stores both compactly and gives them back exactly).
     */
    public record Seen(long tsMillis, int valuesFingerprint) {
        static Seen of(ValidReading r) {
            return new Seen(r.ts().toEpochMilli(), fingerprint(r));
        }
    }

    static SeqCheck check(Seen seen, ValidReading r) {
        if (seen == null) {
            return NEW;
        }
        long ts = r.ts().toEpochMilli();
        if (ts > seen.tsMillis()) {
            return RESTARTED;
        }
        if (ts < seen.tsMillis()) {
            return CONFLICTING_TIME;
        }
        return fingerprint(r) == seen.valuesFingerprint() ? DUPLICATE : CONFLICTING_VALUES;
    }

    /** Why a conflict is rejected: the reason text after the field name ("seq: ..."). */
    static String reason(SeqCheck verdict, Seen seen, ValidReading r) {
        String first = r.seq() + " was already used for a different reading";
        return switch (verdict) {
            case CONFLICTING_VALUES -> first + " (same ts " + r.ts() + ", other metric values); the first one is kept";
            case CONFLICTING_TIME -> first + " (ts " + java.time.Instant.ofEpochMilli(seen.tsMillis())
                + ", later than this one's " + r.ts() + "); the first one is kept";
            default -> throw new IllegalArgumentException(verdict + " is not a conflict");
        };
    }

    /**
     * A 32-bit fingerprint of the metric names and values, independent of their order in the
     * payload (a resent reading may be encoded with its fields in another order): the sum of a
     * 64-bit hash per metric, folded to 32 bits. Readings with other values share it with a chance
     * of 2^-32; see {@link SeqWindow} for what that costs.
     */
    static int fingerprint(ValidReading r) {
        long sum = 0;
        for (int i = 0; i < r.metrics().length; i++) {
            sum += mix(r.metrics()[i].hashCode() * 0x9E3779B97F4A7C15L ^ Double.doubleToLongBits(r.values()[i]));
        }
        return (int) (sum ^ (sum >>> 32));
    }

    /** SplitMix64's finaliser: spreads every input bit over the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
