package org.aicity.job.keys;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink type information of a String key serialized by {@link StringKeySerializer}: use it instead
 * of {@code Types.STRING} as the key type of a keyed stream, e.g.
 * {@code messages.keyBy(RawMessage::sensorKey, StringKeyTypeInfo.INSTANCE)}, so that checkpoints write
 * each key with one call. The bytes are those of {@code Types.STRING}, so a job switched to it
 * restores from its earlier checkpoints and savepoints.
 */
public final class StringKeyTypeInfo extends TypeInformation<String> {

    private static final long serialVersionUID = 1L;

    public static final StringKeyTypeInfo INSTANCE = new StringKeyTypeInfo();

    private StringKeyTypeInfo() {
    }

    @Override
    public boolean isBasicType() {
        return true;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<String> getTypeClass() {
        return String.class;
    }

    @Override
    public boolean isKeyType() {
        return true;
    }

    @Override
    public TypeSerializer<String> createSerializer(SerializerConfig config) {
        return StringKeySerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "StringKey";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof StringKeyTypeInfo other && other.canEqual(this);
    }

    @Override
    public int hashCode() {
        return StringKeyTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof StringKeyTypeInfo;
    }

    /** Keeps the instance unique when Flink ships the type information with Java serialization. */
    private Object readResolve() {
        return INSTANCE;
    }
}
