package org.aicity.job.mqtt;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One MQTT connection. MQTT has no offsets: a split is just the index that names its client id
 * and thereby its persistent session, so the split carries no other state.
 */
public record MqttSplit(int index) implements SourceSplit {
    @Override
    public String splitId() {
        return "mqtt-" + index;
    }
}
