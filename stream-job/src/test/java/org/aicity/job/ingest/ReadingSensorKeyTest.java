package org.aicity.job.ingest;

import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ReadingSensorKey}: the same key as {@link ValidReading#sensorKey()}, built once per message's readings. */
class ReadingSensorKeyTest {

    private static final Instant T = Instant.parse("2026-12-06T08:16:00Z");

    private static ValidReading reading(String city, String sensor, long seq) {
        return new ValidReading(city, sensor, T.plusSeconds(seq), seq, new String[] {"pm25"}, new double[] {12.5});
    }

    @Test
    void theReadingsOfOneMessageGetOneKeyInstanceEqualToSensorKey() {
        ReadingSensorKey selector = new ReadingSensorKey();
        String city = new String("songdo");
        String sensor = new String("songdo-air-0007");
        ValidReading first = reading(city, sensor, 1);
        ValidReading second = reading(city, sensor, 2);

        String key = selector.getKey(first);

        assertThat(key).isEqualTo(first.sensorKey()).isEqualTo("songdo/songdo-air-0007");
        assertThat(selector.getKey(second)).isSameAs(key);
    }

    @Test
    void anotherSensorOrEqualStringsInOtherInstancesGetAKeyOfTheirOwn() {
        ReadingSensorKey selector = new ReadingSensorKey();
        String city = new String("songdo");
        String key = selector.getKey(reading(city, new String("songdo-air-0007"), 1));

        String other = selector.getKey(reading(city, new String("songdo-trf-0042"), 2));
        String equalAgain = selector.getKey(reading(new String("songdo"), new String("songdo-air-0007"), 3));

        assertThat(other).isEqualTo("songdo/songdo-trf-0042");
        assertThat(equalAgain).isEqualTo(key).isNotSameAs(key);
        // the city alone differing in value changes the key too
        assertThat(selector.getKey(reading(new String("busan"), new String("songdo-air-0007"), 4)))
            .isEqualTo("busan/songdo-air-0007");
    }

    @Test
    void aCopyMadeByJavaSerializationAsFlinkShipsSelectorsStartsEmptyAndWorks() throws Exception {
        ReadingSensorKey selector = new ReadingSensorKey();
        selector.getKey(reading("songdo", "songdo-air-0007", 1));

        ReadingSensorKey copy = InstantiationUtil.clone(selector);

        assertThat(copy.getKey(reading("songdo", "songdo-trf-0042", 2))).isEqualTo("songdo/songdo-trf-0042");
    }
}
