package org.aicity.job.aggregate;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SensorMinute}: the same statistics as one {@link WindowStats} per metric, in place. */
class SensorMinuteTest {

    private static final String[] METRICS = {"averageVehicleSpeed", "intensity", "occupancy", "congestionLevel", "pm25",
        "no2", "activePower"};

    @Test
    void addsEachMetricAsWindowStatsDoes() {
        Random random = new Random(7);
        for (int run = 0; run < 200; run++) {
            SensorMinute m = new SensorMinute();
            Map<String, WindowStats> expected = new LinkedHashMap<>();
            int n = 1 + random.nextInt(60);
            for (int i = 0; i < n; i++) {
                String metric = METRICS[random.nextInt(1 + random.nextInt(METRICS.length))];
                double value = random.nextInt(5) == 0 ? -random.nextDouble() * 100 : random.nextInt(200) / 4.0;
                long ts = 1_000L * random.nextInt(60); // out of order, with ties
                long seq = random.nextInt(30);
                m.add(metric, value, ts, seq);
                expected.merge(metric, WindowStats.EMPTY.add(value, ts, seq), (a, b) -> a.add(value, ts, seq));
            }
            assertThat(m.size()).isEqualTo(expected.size());
            List<String> order = new ArrayList<>(expected.keySet());
            for (int i = 0; i < m.size(); i++) {
                assertThat(m.metric(i)).as("first-arrival order").isEqualTo(order.get(i));
                assertThat(m.stats(i)).as("run %d %s", run, m.metric(i)).isEqualTo(expected.get(m.metric(i)));
            }
            assertThat(m.stats("no such metric")).isEqualTo(WindowStats.EMPTY);
        }
    }

    @Test
    void mergesMetricByMetricAsWindowStatsDoes() {
        SensorMinute a = new SensorMinute();
        a.add("intensity", 4, 1_000, 1);
        a.add("occupancy", 0.5, 1_000, 1);
        SensorMinute b = new SensorMinute();
        b.add("intensity", 10, 3_000, 3);
        b.add("averageVehicleSpeed", 42, 3_000, 3);

        a.merge(b);

        assertThat(a.size()).isEqualTo(3);
        assertThat(a.stats("intensity")).isEqualTo(WindowStats.EMPTY.add(4, 1_000, 1).merge(WindowStats.EMPTY.add(10, 3_000, 3)));
        assertThat(a.stats("occupancy")).isEqualTo(WindowStats.EMPTY.add(0.5, 1_000, 1));
        assertThat(a.stats("averageVehicleSpeed")).isEqualTo(WindowStats.EMPTY.add(42, 3_000, 3));
        assertThat(b.size()).as("the other side is left alone").isEqualTo(2);
    }

    @Test
    void copiesDeeply() {
        SensorMinute original = new SensorMinute();
        original.add("intensity", 4, 1_000, 1);
        SensorMinute copy = original.copy();

        copy.add("intensity", 100, 2_000, 2);
        copy.add("occupancy", 1, 2_000, 2);

        assertThat(original.size()).isEqualTo(1);
        assertThat(original.stats("intensity")).isEqualTo(WindowStats.EMPTY.add(4, 1_000, 1));
        assertThat(copy.stats("intensity").count()).isEqualTo(2);
    }

    @Test
    void growsPastItsFirstCapacityAndRoundTripsThroughItsFormat() throws IOException {
        SensorMinute m = new SensorMinute();
        for (int i = 0; i < 40; i++) {
            m.add("metric-" + i + (i % 3 == 0 ? "-측정" : ""), i * 1.5, 1_000L * i, i);
            m.add("metric-" + i + (i % 3 == 0 ? "-측정" : ""), -i, 500L * i, i);
        }
        DataOutputSerializer out = new DataOutputSerializer(64);
        m.writeTo(out);

        SensorMinute back = SensorMinute.readFrom(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(back).isEqualTo(m);
        assertThat(back.size()).isEqualTo(40);
        assertThat(back.metric(3)).isEqualTo("metric-3-측정");
        assertThat(out.length()).as("header, names, 56 bytes a metric")
            .isEqualTo(8 + m.size() * 56 + totalNameBytes(m));
    }

    @Test
    void refusesAnUnknownFormatVersion() {
        DataOutputSerializer out = new DataOutputSerializer(16);
        assertThatThrownBy(() -> {
            out.writeInt(99);
            out.writeInt(0);
            SensorMinute.readFrom(new DataInputDeserializer(out.getCopyOfBuffer()));
        }).isInstanceOf(IOException.class).hasMessageContaining("version 99");
    }

    private static int totalNameBytes(SensorMinute m) {
        int bytes = 0;
        for (int i = 0; i < m.size(); i++) {
            bytes += 2 + m.metric(i).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        return bytes;
    }
}
