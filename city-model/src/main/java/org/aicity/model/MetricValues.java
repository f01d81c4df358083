package org.aicity.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * A reading's metrics as the decoder reads them: names and values in two arrays, in arrival order,
 * each name once. An immutable {@link Map} (equal to, and with the hash code of, any map with the
 * same entries), so {@link Reading} keeps it without copying it into a map of boxed values;
 * {@link #nameArray()} and {@link #valueArray()} give the arrays to the stream job, which stores them as
 * they are. Decoding a batch of 100 readings built two linked hash maps and boxed every value for
 * each reading.
 */
public final class MetricValues extends AbstractMap<String, Double> {

    /** Longer than {@link #size} as the decoder grew them; only the first {@code size} count. */
    private final String[] names;
    private final double[] values;
    private final int size;

    /** The first {@code size} names and values; the caller gives up the arrays and guarantees distinct names. */
    MetricValues(String[] names, double[] values, int size) {
        this.names = names;
        this.values = values;
        this.size = size;
    }

    /**
     * Metrics from two parallel arrays, which the caller gives up (they are kept as they are, not
     * copied): for a producer such as the simulator that has them at hand, so that a reading is not
     * built through a map of boxed values first.
     *
     * @throws IllegalArgumentException if the arrays differ in length or a name is null or repeated
     */
    public static MetricValues of(String[] names, double[] values) {
        if (names.length != values.length) {
            throw new IllegalArgumentException(names.length + " metric names but " + values.length + " values");
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i] == null) {
                throw new IllegalArgumentException("metric name " + i + " is null");
            }
            for (int j = 0; j < i; j++) {
                if (names[j].equals(names[i])) {
                    throw new IllegalArgumentException("metric " + names[i] + " given twice");
                }
            }
        }
        return new MetricValues(names, values, names.length);
    }

    /** The names, in order (a copy: the one the stream job keeps). */
    public String[] nameArray() {
        return Arrays.copyOf(names, size);
    }

    /** The values, in the order of {@link #nameArray()} (a copy). */
    public double[] valueArray() {
        return Arrays.copyOf(values, size);
    }

    /** The name at {@code i}, below {@link #size()}: for the writers, without a map entry. */
    String name(int i) {
        return names[Objects.checkIndex(i, size)];
    }

    /** The value at {@code i}, below {@link #size()}, unboxed. */
    double value(int i) {
        return values[Objects.checkIndex(i, size)];
    }

    @Override
    public int size() {
        return size;
    }

    private int indexOf(Object name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public Double get(Object name) {
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    @Override
    public Set<Map.Entry<String, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Map.Entry<String, Double>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, Double> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }
        };
    }
}
