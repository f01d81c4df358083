package org.aicity.platform.sensors;

import org.aicity.model.CityDefinition;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

@Repository
class SensorRepository {

    private static final String COLUMNS = "city_id, sensor_id, domain, kind, district_id, lat, lon, metrics, registered_at";

    private static final RowMapper<Sensor> SENSOR = SensorRepository::map;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    SensorRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** Inserts or refreshes a city's sensors; a sensor keeps the time it was first registered. */
    int upsert(CityDefinition city) {
        SqlParameterSource[] rows = city.sensors().stream().map(s -> new MapSqlParameterSource()
                .addValue("city", city.id())
                .addValue("id", s.id())
                .addValue("domain", s.domain().wireName())
                .addValue("kind", s.kind())
                .addValue("district", s.district())
                .addValue("lat", s.lat())
                .addValue("lon", s.lon())
                .addValue("metrics", s.metrics().toArray(String[]::new)))
            .toArray(SqlParameterSource[]::new);
        batch.batchUpdate("""
            INSERT INTO sensor (city_id, sensor_id, domain, kind, district_id, lat, lon, metrics)
            VALUES (:city, :id, :domain, :kind, :district, :lat, :lon, :metrics::text[])
            ON CONFLICT (city_id, sensor_id) DO UPDATE
               SET domain = EXCLUDED.domain, kind = EXCLUDED.kind, district_id = EXCLUDED.district_id,
                   lat = EXCLUDED.lat, lon = EXCLUDED.lon, metrics = EXCLUDED.metrics
            """, rows);
        return rows.length;
    }

    Optional<Sensor> find(String cityId, String sensorId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sensor WHERE city_id = :city AND sensor_id = :id")
            .param("city", cityId)
            .param("id", sensorId)
            .query(SENSOR)
            .optional();
    }

    /** A page of a city's sensors in id order; a null filter matches everything. */
    List<Sensor> page(String cityId, String domain, String district, long offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sensor WHERE city_id = :city"
                + " AND (CAST(:domain AS text) IS NULL OR domain = :domain)"
                + " AND (CAST(:district AS text) IS NULL OR district_id = :district)"
                + " ORDER BY sensor_id LIMIT :limit OFFSET :offset")
            .param("city", cityId)
            .param("domain", domain)
            .param("district", district)
            .param("limit", limit)
            .param("offset", offset)
            .query(SENSOR)
            .list();
    }

    long count(String cityId, String domain, String district) {
        return jdbc.sql("SELECT count(*) FROM sensor WHERE city_id = :city"
                + " AND (CAST(:domain AS text) IS NULL OR domain = :domain)"
                + " AND (CAST(:district AS text) IS NULL OR district_id = :district)")
            .param("city", cityId)
            .param("domain", domain)
            .param("district", district)
            .query(Long.class)
            .single();
    }

    private static Sensor map(ResultSet rs, int row) throws SQLException {
        Array metrics = rs.getArray("metrics");
        Timestamp registered = rs.getTimestamp("registered_at");
        return new Sensor(rs.getString("sensor_id"), rs.getString("city_id"), rs.getString("domain"),
            rs.getString("kind"), rs.getString("district_id"),
            rs.getObject("lat", Double.class), rs.getObject("lon", Double.class),
            List.of((String[]) metrics.getArray()), registered.toInstant());
    }
}
