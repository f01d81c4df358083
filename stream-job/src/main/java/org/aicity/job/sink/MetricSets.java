package org.aicity.job.sink;

import org.aicity.job.ingest.ValidReading;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The numbers of the lists of metric names ({@code metric_set}) a readings writer knows. A number
 * is given once and for good, so nothing here is ever forgotten or changed; a list seen for the
 * first time is registered with {@code metric_set_for} before the first reading that has it is
 * written. A sensor sends the same list in every reading, so the last list asked for is answered
 * without a lookup.
 */
final class MetricSets {

    private static final String LOAD_SQL = "SELECT names, id FROM metric_set";
    private static final String REGISTER_SQL = "SELECT metric_set_for(?::text[])";

    private final Map<List<String>, Integer> byNames = new HashMap<>();
    private String[] lastNames;
    private Integer lastId;

    /** The number of a list of names, or null if this writer does not know it yet. */
    Integer get(String[] names) {
        if (lastNames != null && Arrays.equals(names, lastNames)) {
            return lastId;
        }
        Integer id = byNames.get(Arrays.asList(names));
        if (id != null) {
            lastNames = names;
            lastId = id;
        }
        return id;
    }

    int size() {
        return byNames.size();
    }

    private void put(String[] names, int id) {
        byNames.put(List.of(names), id);
    }

    /** Learns every number stored; ends the transaction it reads in. */
    void loadAll(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(LOAD_SQL)) {
            while (rs.next()) {
                Array names = rs.getArray(1);
                put((String[]) names.getArray(), rs.getInt(2));
                names.free();
            }
        }
        connection.commit();
    }

    /**
     * Registers the lists of names of the batch this writer does not know yet, and commits that on
     * its own: a number is kept even if the batch that needed it fails. Nothing is sent if every
     * list is known. A list the table refuses (a null name) fails here with the server's message.
     */
    void learnMissing(Connection connection, Collection<ValidReading> batch) throws SQLException {
        Set<List<String>> missing = new LinkedHashSet<>();
        for (ValidReading r : batch) {
            if (get(r.metrics()) == null) {
                missing.add(Arrays.asList(r.metrics()));
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(REGISTER_SQL)) {
            for (List<String> names : missing) {
                String[] array = names.toArray(String[]::new);
                ps.setArray(1, connection.createArrayOf("text", array));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    int id = rs.getInt(1);
                    if (rs.wasNull()) {
                        throw new SQLException("metric_set_for gave no number for " + names);
                    }
                    put(array, id);
                }
            }
        }
        connection.commit();
    }
}
