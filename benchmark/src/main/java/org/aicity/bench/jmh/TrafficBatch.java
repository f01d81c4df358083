package org.aicity.bench.jmh;

import org.aicity.model.Reading;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The gateway batch the micro-benchmarks decode: 100 readings of one traffic sensor, a second apart, ending at {@link #NOW}. */
final class TrafficBatch {

    static final String SENSOR = "songdo-trf-0042";
    static final String TOPIC = "city/songdo/traffic/" + SENSOR;
    static final Instant NOW = Instant.parse("2026-11-21T08:16:00Z");

    private TrafficBatch() {
    }

    static List<Reading> readings() {
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("intensity", 40.0 + i % 7);
            m.put("averageVehicleSpeed", 38.5 - i % 5);
            m.put("occupancy", 0.23);
            readings.add(new Reading(SENSOR, NOW.minusSeconds(100 - i), 18_000 + i, m));
        }
        return readings;
    }
}
