package org.aicity.job.aggregate;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The statistics of every metric of one sensor over one window: for each metric, what
 * {@link WindowStats} holds (count, sum, min, max, last by event time with ties to the larger seq),
 * in parallel primitive arrays, in the order the metrics first arrived.
 *
 * <p>Why per sensor and not per series: a reading carries all of a sensor's metrics at one time, so
 * one window per sensor takes one state access and one pair of timers per reading, where a window
 * per (sensor, metric) took them once per metric (three to five times as many), and keeps a third
 * of the window entries and timers on the heap. At 10,000 sensors the per-series windows were the
 * job's busiest thread, most of it in timer bookkeeping.
 *
 * <p>Mutable: {@link #add} updates in place, so a window takes no allocation per reading. That is
 * safe on the heap state backend because it copies a state value with {@link SensorMinuteSerializer#copy}
 * before changing one that a running snapshot still holds.
 */
public final class SensorMinute {

    /** Version of the {@link #writeTo} format. */
    static final int FORMAT_VERSION = 1;
    private static final int INITIAL_CAPACITY = 4;
    /** count, sum, min, max, last, last ts, last seq. */
    private static final int BYTES_PER_METRIC = 7 * Long.BYTES;

    private String[] metrics;
    private long[] count;
    private double[] sum;
    private double[] min;
    private double[] max;
    private double[] last;
    private long[] lastTsMillis;
    private long[] lastSeq;
    private int size;

    public SensorMinute() {
        this(INITIAL_CAPACITY);
    }

    private SensorMinute(int capacity) {
        metrics = new String[capacity];
        count = new long[capacity];
        sum = new double[capacity];
        min = new double[capacity];
        max = new double[capacity];
        last = new double[capacity];
        lastTsMillis = new long[capacity];
        lastSeq = new long[capacity];
    }

    /** Adds one value of one metric; the same rules as {@link WindowStats#add}. */
    public void add(String metric, double value, long tsMillis, long seq) {
        int i = indexOf(metric);
        if (i < 0) {
            i = append(metric);
        }
        count[i]++;
        sum[i] += value;
        min[i] = Math.min(min[i], value);
        max[i] = Math.max(max[i], value);
        if (tsMillis > lastTsMillis[i] || (tsMillis == lastTsMillis[i] && seq >= lastSeq[i])) {
            last[i] = value;
            lastTsMillis[i] = tsMillis;
            lastSeq[i] = seq;
        }
    }

    /** Adds another window's statistics, metric by metric; the same rules as {@link WindowStats#merge}. */
    public void merge(SensorMinute other) {
        for (int j = 0; j < other.size; j++) {
            int i = indexOf(other.metrics[j]);
            if (i < 0) {
                i = append(other.metrics[j]);
            }
            WindowStats merged = stats(i).merge(other.stats(j));
            set(i, merged);
        }
    }

    /** The number of metrics seen. */
    public int size() {
        return size;
    }

    public String metric(int i) {
        checkIndex(i);
        return metrics[i];
    }

    /** The statistics of the {@code i}-th metric. */
    public WindowStats stats(int i) {
        checkIndex(i);
        return new WindowStats(count[i], sum[i], min[i], max[i], last[i], lastTsMillis[i], lastSeq[i]);
    }

    /** The statistics of a metric, or {@link WindowStats#EMPTY} if it has not been seen. */
    public WindowStats stats(String metric) {
        int i = indexOf(metric);
        return i < 0 ? WindowStats.EMPTY : stats(i);
    }

    /** A deep copy, as long as its content. */
    public SensorMinute copy() {
        SensorMinute c = new SensorMinute(Math.max(1, size));
        for (int i = 0; i < size; i++) {
            c.metrics[i] = metrics[i];
            c.set(i, stats(i));
        }
        c.size = size;
        return c;
    }

    private int indexOf(String metric) {
        for (int i = 0; i < size; i++) {
            String m = metrics[i];
            if (m == metric || m.equals(metric)) {
                return i;
            }
        }
        return -1;
    }

    private int append(String metric) {
        if (size == metrics.length) {
            int capacity = size + Math.max(1, size >> 1);
            metrics = Arrays.copyOf(metrics, capacity);
            count = Arrays.copyOf(count, capacity);
            sum = Arrays.copyOf(sum, capacity);
            min = Arrays.copyOf(min, capacity);
            max = Arrays.copyOf(max, capacity);
            last = Arrays.copyOf(last, capacity);
            lastTsMillis = Arrays.copyOf(lastTsMillis, capacity);
            lastSeq = Arrays.copyOf(lastSeq, capacity);
        }
        int i = size++;
        metrics[i] = metric;
        set(i, WindowStats.EMPTY);
        return i;
    }

    private void set(int i, WindowStats s) {
        count[i] = s.count();
        sum[i] = s.sum();
        min[i] = s.min();
        max[i] = s.max();
        last[i] = s.last();
        lastTsMillis[i] = s.lastTsMillis();
        lastSeq[i] = s.lastSeq();
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("metric " + i + " of " + size);
        }
    }

    /**
     * Writes format 1 in one bulk write: int version, int size, then per metric its UTF-8 name
     * (unsigned short length, bytes), then per metric count, sum, min, max, last, last ts, last seq.
     */
    void writeTo(DataOutputView out) throws IOException {
        byte[][] names = new byte[size][];
        int bytes = 2 * Integer.BYTES + size * BYTES_PER_METRIC;
        for (int i = 0; i < size; i++) {
            names[i] = metrics[i].getBytes(StandardCharsets.UTF_8);
            if (names[i].length > 0xFFFF) {
                throw new IOException("metric name longer than 65,535 bytes: " + metrics[i].substring(0, 40) + "...");
            }
            bytes += Short.BYTES + names[i].length;
        }
        ByteBuffer b = ByteBuffer.allocate(bytes);
        b.putInt(FORMAT_VERSION).putInt(size);
        for (byte[] name : names) {
            b.putShort((short) name.length).put(name);
        }
        for (int i = 0; i < size; i++) {
            b.putLong(count[i]).putDouble(sum[i]).putDouble(min[i]).putDouble(max[i]).putDouble(last[i])
                .putLong(lastTsMillis[i]).putLong(lastSeq[i]);
        }
        out.write(b.array());
    }

    /** Reads what {@link #writeTo} wrote. */
    static SensorMinute readFrom(DataInputView in) throws IOException {
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("unknown SensorMinute format version " + version);
        }
        int size = in.readInt();
        if (size < 0 || size > 0xFFFF) {
            throw new IOException("SensorMinute with " + size + " metrics");
        }
        SensorMinute m = new SensorMinute(Math.max(1, size));
        for (int i = 0; i < size; i++) {
            byte[] name = new byte[in.readUnsignedShort()];
            in.readFully(name);
            m.metrics[i] = new String(name, StandardCharsets.UTF_8);
        }
        byte[] values = new byte[size * BYTES_PER_METRIC];
        in.readFully(values);
        ByteBuffer b = ByteBuffer.wrap(values);
        for (int i = 0; i < size; i++) {
            m.count[i] = b.getLong();
            m.sum[i] = b.getDouble();
            m.min[i] = b.getDouble();
            m.max[i] = b.getDouble();
            m.last[i] = b.getDouble();
            m.lastTsMillis[i] = b.getLong();
            m.lastSeq[i] = b.getLong();
        }
        m.size = size;
        return m;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SensorMinute other) || other.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (!metrics[i].equals(other.metrics[i]) || !stats(i).equals(other.stats(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = size;
        for (int i = 0; i < size; i++) {
            h = h * 31 + metrics[i].hashCode();
            h = h * 31 + stats(i).hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("SensorMinute[");
        for (int i = 0; i < size; i++) {
            s.append(i == 0 ? "" : ", ").append(metrics[i]).append('=').append(stats(i));
        }
        return s.append(']').toString();
    }
}
