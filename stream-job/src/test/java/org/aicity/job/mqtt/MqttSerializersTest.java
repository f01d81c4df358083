package org.aicity.job.mqtt;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MqttSerializersTest {

    @Test
    void shouldRoundTripASplit() throws Exception {
        MqttSerializers.SplitSerializer s = new MqttSerializers.SplitSerializer();

        assertThat(s.deserialize(s.getVersion(), s.serialize(new MqttSplit(3)))).isEqualTo(new MqttSplit(3));
    }

    @Test
    void shouldRoundTripTheEnumeratorState() throws Exception {
        MqttSerializers.EnumeratorStateSerializer s = new MqttSerializers.EnumeratorStateSerializer();
        MqttEnumeratorState state = new MqttEnumeratorState(4, Set.of(0, 2, 3));

        assertThat(s.deserialize(s.getVersion(), s.serialize(state))).isEqualTo(state);
    }
}
