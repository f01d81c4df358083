package org.aicity.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decoder's metrics behave as the ordered, unmodifiable map a reading held before. */
class MetricValuesTest {

    private static MetricValues decoded() {
        // arrays longer than the size, as the decoder grows them
        return new MetricValues(new String[] {"intensity", "occupancy", "averageVehicleSpeed", null},
            new double[] {42, 0.23, -0.0, 0}, 3);
    }

    private static Map<String, Double> linked() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("intensity", 42.0);
        m.put("occupancy", 0.23);
        m.put("averageVehicleSpeed", -0.0);
        return m;
    }

    @Test
    void equalToAndHashedLikeTheLinkedMapWithTheSameEntries() {
        assertThat(decoded()).isEqualTo(linked());
        assertThat(linked()).isEqualTo(decoded());
        assertThat(decoded()).hasSameHashCodeAs(linked());
        assertThat(decoded()).hasToString(linked().toString());
        assertThat(decoded()).isNotEqualTo(Map.of("intensity", 42.0, "occupancy", 0.23));
    }

    @Test
    void keepsTheOrderAndAnswersLookups() {
        MetricValues m = decoded();
        assertThat(List.copyOf(m.keySet())).containsExactly("intensity", "occupancy", "averageVehicleSpeed");
        assertThat(m.get("occupancy")).isEqualTo(0.23);
        assertThat(m.get("pm25")).isNull();
        assertThat(m.containsKey("intensity")).isTrue();
        assertThat(m.containsKey("pm25")).isFalse();
        assertThat(m.size()).isEqualTo(3);
        assertThat(m.nameArray()).containsExactly("intensity", "occupancy", "averageVehicleSpeed");
        assertThat(Double.doubleToRawLongBits(m.valueArray()[2])).as("-0.0 stays negative").isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void cannotBeChangedThroughTheMapOrTheArraysItGives() {
        MetricValues m = decoded();
        assertThatThrownBy(() -> m.put("pm25", 1.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.remove("intensity")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.entrySet().iterator().next().setValue(1.0)).isInstanceOf(UnsupportedOperationException.class);
        m.nameArray()[0] = "changed";
        m.valueArray()[0] = -1;
        assertThat(m).isEqualTo(linked());
    }

    @Test
    void aReadingKeepsTheDecodersMetricsAndCopiesAnyOtherMap() {
        MetricValues m = decoded();
        Reading decodedReading = new Reading("songdo-trf-0001", Instant.EPOCH, 1, m);
        assertThat(decodedReading.metrics()).isSameAs(m);
        Map<String, Double> other = linked();
        Reading built = new Reading("songdo-trf-0001", Instant.EPOCH, 1, other);
        other.put("pm25", 3.0);
        assertThat(built.metrics()).doesNotContainKey("pm25");
        assertThat(built).isEqualTo(decodedReading);
    }

    @Test
    void ofTwoArraysIsTheSameMapAndRefusesWhatIsNotOne() {
        MetricValues m = MetricValues.of(new String[] {"intensity", "occupancy"}, new double[] {12, 0.25});
        assertThat(m).isEqualTo(Map.of("intensity", 12.0, "occupancy", 0.25));
        assertThat(m.keySet()).containsExactly("intensity", "occupancy");
        assertThat(new Reading("s", Instant.EPOCH, 1, m).metrics()).isSameAs(m);
        assertThatThrownBy(() -> MetricValues.of(new String[] {"a", "b"}, new double[] {1}))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("2 metric names but 1 values");
        assertThatThrownBy(() -> MetricValues.of(new String[] {"a", "b", "a"}, new double[] {1, 2, 3}))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("metric a given twice");
        assertThatThrownBy(() -> MetricValues.of(new String[] {"a", null}, new double[] {1, 2}))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("metric name 1 is null");
    }
}
