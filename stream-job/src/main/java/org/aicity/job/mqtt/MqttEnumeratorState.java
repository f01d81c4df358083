package org.aicity.job.mqtt;

import java.util.Set;
import java.util.TreeSet;

/**
 * The enumerator's checkpoint: how many splits exist and which are assigned to a reader.
 * Splits are never removed, so a split's persistent session outlives a scale-down.
 */
public record MqttEnumeratorState(int splitCount, Set<Integer> assigned) {
    public MqttEnumeratorState {
        assigned = Set.copyOf(new TreeSet<>(assigned));
    }
}
