package org.aicity.job.mqtt;

import org.aicity.job.ingest.RawMessage;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.util.Set;

/**
 * An unbounded MQTT v5 source of {@link RawMessage}s: one connection per parallel reader, all in
 * one shared subscription so the broker spreads messages over them, QoS 1 on persistent sessions,
 * acknowledged per {@link AckMode}.
 *
 * <p>The shared subscription is used even at parallelism 1: a rescale then never mixes shared
 * and plain subscriptions, which would deliver every message twice.
 */
public final class MqttSource implements Source<RawMessage, MqttSplit, MqttEnumeratorState>, ResultTypeQueryable<RawMessage> {

    private final MqttSourceSettings settings;

    public MqttSource(MqttSourceSettings settings) {
        this.settings = settings;
    }

    public MqttSourceSettings settings() {
        return settings;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<RawMessage, MqttSplit> createReader(SourceReaderContext context) {
        boolean plain = settings.sharedGroup() == null || settings.sharedGroup().isBlank();
        if (plain && context.currentParallelism() > 1) {
            throw new IllegalArgumentException("the MQTT source runs with parallelism " + context.currentParallelism()
                + " but without a shared-subscription group, so every reader would get every message; set a shared group");
        }
        return new MqttSourceReader(settings, context);
    }

    @Override
    public SplitEnumerator<MqttSplit, MqttEnumeratorState> createEnumerator(SplitEnumeratorContext<MqttSplit> context) {
        return new MqttSplitEnumerator(context, new MqttEnumeratorState(0, Set.of()));
    }

    @Override
    public SplitEnumerator<MqttSplit, MqttEnumeratorState> restoreEnumerator(SplitEnumeratorContext<MqttSplit> context,
                                                                             MqttEnumeratorState checkpoint) {
        return new MqttSplitEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<MqttSplit> getSplitSerializer() {
        return new MqttSerializers.SplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<MqttEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new MqttSerializers.EnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<RawMessage> getProducedType() {
        return TypeInformation.of(RawMessage.class);
    }
}
