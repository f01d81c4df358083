package org.aicity.job.mqtt;

import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps one split per parallel reader: split {@code n} goes to reader {@code n mod parallelism}.
 * After a scale-down a reader holds several splits (several MQTT connections), so no persistent
 * session is abandoned with messages in it.
 */
final class MqttSplitEnumerator implements SplitEnumerator<MqttSplit, MqttEnumeratorState> {

    private final SplitEnumeratorContext<MqttSplit> context;
    private final Set<Integer> assigned;
    private int splitCount;

    MqttSplitEnumerator(SplitEnumeratorContext<MqttSplit> context, MqttEnumeratorState state) {
        this.context = context;
        this.assigned = new TreeSet<>(state.assigned());
        this.splitCount = state.splitCount();
    }

    @Override
    public void start() {
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // splits are pushed when readers register
    }

    @Override
    public void addSplitsBack(List<MqttSplit> splits, int subtaskId) {
        splits.forEach(s -> assigned.remove(s.index()));
        assignUnassigned();
    }

    @Override
    public void addReader(int subtaskId) {
        assignUnassigned();
    }

    private void assignUnassigned() {
        int parallelism = context.currentParallelism();
        splitCount = Math.max(splitCount, parallelism);
        for (int i = 0; i < splitCount; i++) {
            int reader = i % parallelism;
            if (!assigned.contains(i) && context.registeredReaders().containsKey(reader)) {
                context.assignSplit(new MqttSplit(i), reader);
                assigned.add(i);
            }
        }
    }

    @Override
    public MqttEnumeratorState snapshotState(long checkpointId) {
        return new MqttEnumeratorState(splitCount, assigned);
    }

    @Override
    public void close() {
    }
}
