package org.aicity.job.sink;

import org.aicity.job.ingest.ValidReading;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sensor numbers ({@code sensor_key}) a readings writer knows, by city and sensor id. A number
 * is given once and for good, so nothing here is ever forgotten or changed; a sensor seen for the
 * first time is registered with {@code sensor_key_for} before its first reading is written.
 */
final class SensorKeys {

    private static final String LOAD_SQL = "SELECT city_id, sensor_id, key FROM sensor_key";
    private static final String REGISTER_SQL =
        "SELECT u.city, u.sensor, sensor_key_for(u.city, u.sensor) FROM unnest(?::text[], ?::text[]) AS u(city, sensor)";

    private final Map<String, Map<String, Integer>> byCity = new HashMap<>();
    private int size;

    /** The number of a sensor, or null if this writer does not know it yet. */
    Integer get(String cityId, String sensorId) {
        Map<String, Integer> sensors = byCity.get(cityId);
        return sensors == null ? null : sensors.get(sensorId);
    }

    int size() {
        return size;
    }

    private void put(String cityId, String sensorId, int key) {
        if (byCity.computeIfAbsent(cityId, c -> new HashMap<>()).put(sensorId, key) == null) {
            size++;
        }
    }

    /** Learns every number stored; ends the transaction it reads in. */
    void loadAll(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(LOAD_SQL)) {
            while (rs.next()) {
                put(rs.getString(1), rs.getString(2), rs.getInt(3));
            }
        }
        connection.commit();
    }

    /**
     * Registers the sensors of the batch this writer does not know yet, in one statement, and
     * commits that on its own: a number is kept even if the batch that needed it fails. Nothing is
     * sent if every sensor is known.
     */
    void learnMissing(Connection connection, Collection<ValidReading> batch) throws SQLException {
        Set<Map.Entry<String, String>> missing = new LinkedHashSet<>();
        for (ValidReading r : batch) {
            if (get(r.cityId(), r.sensorId()) == null) {
                // a null id goes on to the server, which refuses it with its own message
                missing.add(new AbstractMap.SimpleImmutableEntry<>(r.cityId(), r.sensorId()));
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        List<String> cities = new ArrayList<>(missing.size());
        List<String> sensors = new ArrayList<>(missing.size());
        for (Map.Entry<String, String> sensor : missing) {
            cities.add(sensor.getKey());
            sensors.add(sensor.getValue());
        }
        try (PreparedStatement ps = connection.prepareStatement(REGISTER_SQL)) {
            ps.setArray(1, connection.createArrayOf("text", cities.toArray()));
            ps.setArray(2, connection.createArrayOf("text", sensors.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    put(rs.getString(1), rs.getString(2), rs.getInt(3));
                }
            }
        }
        connection.commit();
    }
}
