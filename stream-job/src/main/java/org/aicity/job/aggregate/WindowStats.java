package org.aicity.job.aggregate;

/**
 * Statistics of one metric over one window: count, mean, min, max and the last value by event
 * time (ties broken by the larger seq, so the result does not depend on arrival order). Immutable
 * and plain; {@link #add} and {@link #merge} return new values.
 *
 * @param lastTsMillis event time of {@link #last}, epoch milliseconds
 */
public record WindowStats(long count, double sum, double min, double max, double last, long lastTsMillis, long lastSeq) {

    public static final WindowStats EMPTY =
        new WindowStats(0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Long.MIN_VALUE, Long.MIN_VALUE);

    public WindowStats add(double value, long tsMillis, long seq) {
        boolean later = tsMillis > lastTsMillis || (tsMillis == lastTsMillis && seq >= lastSeq);
        return new WindowStats(count + 1, sum + value, Math.min(min, value), Math.max(max, value),
            later ? value : last, later ? tsMillis : lastTsMillis, later ? seq : lastSeq);
    }

    public WindowStats merge(WindowStats other) {
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            return other;
        }
        boolean otherLater = other.lastTsMillis > lastTsMillis || (other.lastTsMillis == lastTsMillis && other.lastSeq > lastSeq);
        return new WindowStats(count + other.count, sum + other.sum, Math.min(min, other.min), Math.max(max, other.max),
            otherLater ? other.last : last, otherLater ? other.lastTsMillis : lastTsMillis, otherLater ? other.lastSeq : lastSeq);
    }

    /** The arithmetic mean; NaN for an empty window. */
    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }
}
