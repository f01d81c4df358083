package org.aicity.job.mqtt;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/** Checkpoint serializers of the split and the enumerator state. */
final class MqttSerializers {

    private MqttSerializers() {
    }

    static final class SplitSerializer implements SimpleVersionedSerializer<MqttSplit> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(MqttSplit split) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(4);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(split.index());
            }
            return bytes.toByteArray();
        }

        @Override
        public MqttSplit deserialize(int version, byte[] serialized) throws IOException {
            checkVersion(version);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                return new MqttSplit(in.readInt());
            }
        }
    }

    static final class EnumeratorStateSerializer implements SimpleVersionedSerializer<MqttEnumeratorState> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(MqttEnumeratorState state) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(state.splitCount());
                out.writeInt(state.assigned().size());
                for (int i : state.assigned()) {
                    out.writeInt(i);
                }
            }
            return bytes.toByteArray();
        }

        @Override
        public MqttEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
            checkVersion(version);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                int count = in.readInt();
                int n = in.readInt();
                Set<Integer> assigned = new HashSet<>();
                for (int i = 0; i < n; i++) {
                    assigned.add(in.readInt());
                }
                return new MqttEnumeratorState(count, assigned);
            }
        }
    }

    private static void checkVersion(int version) throws IOException {
        if (version != 1) {
            throw new IOException("unknown serializer version " + version + "; this job reads version 1");
        }
    }
}
