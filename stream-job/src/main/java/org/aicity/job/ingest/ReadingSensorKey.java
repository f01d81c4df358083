package org.aicity.job.ingest;

import org.apache.flink.api.java.functions.KeySelector;

/**
 * {@link ValidReading#sensorKey()} as a Flink key selector that builds the key once for the
 * readings of one message instead of once per reading.
 *
 * <p>Why: Flink asks for an element's key on every element, then hashes it to a key group, and again
 * for the state map and the window's timer; a key built anew each time is a new string, whose hash
 * is computed anew each time and whose comparisons go character by character. The readings that
 * decoding gets from one message share their city and sensor strings (both come from the topic),
 * so as long as the next reading has the very same two strings (compared by identity), the key
 * built for the previous one is returned: the same characters as {@link ValidReading#sensorKey()},
 * with its hash cached in the string. Readings with other but equal strings get a freshly built,
 * equal key.
 *
 * <p>Safe to share between threads: the last key is one immutable object, replaced whole, so a
 * thread sees either the previous or the new triple, never a mix.
 */
public final class ReadingSensorKey implements KeySelector<ValidReading, String> {

    private static final long serialVersionUID = 1L;

    private record Last(String cityId, String sensorId, String key) {
    }

    private transient Last last;

    @Override
    public String getKey(ValidReading reading) {
        Last l = last;
        if (l != null && l.cityId == reading.cityId() && l.sensorId == reading.sensorId()) {
            return l.key;
        }
        String key = reading.sensorKey();
        last = new Last(reading.cityId(), reading.sensorId(), key);
        return key;
    }
}
