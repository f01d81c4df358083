package org.aicity.job.keys;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link StringKeyTypeInfo}: a basic key type of String with the one-write serializer. */
class StringKeyTypeInfoTest {

    private static final StringKeyTypeInfo TYPE = StringKeyTypeInfo.INSTANCE;

    @Test
    void describesABasicKeyTypeOfString() {
        assertThat(TYPE.isBasicType()).isTrue();
        assertThat(TYPE.isTupleType()).isFalse();
        assertThat(TYPE.getArity()).isEqualTo(1);
        assertThat(TYPE.getTotalFields()).isEqualTo(1);
        assertThat(TYPE.getTypeClass()).isEqualTo(String.class);
        assertThat(TYPE.isKeyType()).isTrue();
        assertThat(TYPE.createSerializer(new SerializerConfigImpl())).isSameAs(StringKeySerializer.INSTANCE);
        assertThat(TYPE).hasToString("StringKey");
    }

    @Test
    void equalsOnlyItself() throws Exception {
        assertThat(TYPE).isEqualTo(StringKeyTypeInfo.INSTANCE).hasSameHashCodeAs(StringKeyTypeInfo.INSTANCE);
        assertThat(TYPE.canEqual(TYPE)).isTrue();
        assertThat(TYPE).isNotEqualTo(Types.STRING);
        assertThat(Types.STRING).isNotEqualTo(TYPE);
        assertThat(TYPE.canEqual(Types.STRING)).isFalse();
        assertThat(InstantiationUtil.clone(TYPE)).isSameAs(TYPE);
    }

    @Test
    void isAcceptedAsTheKeyTypeOfAKeyedStream() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

        KeyedStream<String, String> keyed = env.fromData("songdo/songdo-trf-0001", "송도/송도-교통-0002")
            .keyBy(s -> s, TYPE);

        assertThat(keyed.getKeyType()).isSameAs(TYPE);
    }
}
