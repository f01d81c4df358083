package org.aicity.model;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A city, set up by configuration alone: its districts (GeoJSON geometries), its road corridors,
 * its sites (substations, buildings, plants, PV sites) and its sensors.
 *
 * @param id        the city id used in topics and URLs, e.g. {@code songdo}
 * @param timezone  IANA zone of local time, for daily patterns, e.g. {@code Asia/Seoul}
 * @param center    [longitude, latitude] of the map centre
 * @param corridors roads as ordered segments; empty when the definition has none
 * @param sites     places that sensors measure (a building, a plant, a substation, a PV site);
 *                  empty when the definition has none
 */
public record CityDefinition(String id, String name, String timezone, List<Double> center,
                             List<District> districts, List<SensorDefinition> sensors,
                             List<Corridor> corridors, List<Site> sites) {

    @JsonCreator
    public CityDefinition {
        districts = List.copyOf(districts);
        sensors = List.copyOf(sensors);
        center = List.copyOf(center);
        corridors = corridors == null ? List.of() : List.copyOf(corridors);
        sites = sites == null ? List.of() : List.copyOf(sites);
    }

    /** A city with districts and sensors only. */
    public CityDefinition(String id, String name, String timezone, List<Double> center,
                          List<District> districts, List<SensorDefinition> sensors) {
        this(id, name, timezone, center, districts, sensors, List.of(), List.of());
    }

    public Optional<SensorDefinition> sensor(String sensorId) {
        return sensors.stream().filter(s -> s.id().equals(sensorId)).findFirst();
    }

    public Map<String, SensorDefinition> sensorsById() {
        return sensors.stream().collect(Collectors.toMap(SensorDefinition::id, Function.identity()));
    }

    public Optional<Site> site(String siteId) {
        return sites.stream().filter(s -> s.id().equals(siteId)).findFirst();
    }

    /**
     * A district.
     *
     * @param geometry a GeoJSON geometry object (Polygon or MultiPolygon), kept as parsed
     */
    public record District(String id, String name, Map<String, Object> geometry) {
    }

    /**
     * A sensor's fixed description; published retained on its {@code /meta} topic.
     *
     * @param site the {@link Site} the sensor measures, or null
     */
    public record SensorDefinition(String id, Domain domain, String kind, String district,
                                   double lat, double lon, List<String> metrics, String site) {
        @JsonCreator
        public SensorDefinition {
            metrics = List.copyOf(metrics);
        }

        /** A sensor that measures no particular site. */
        public SensorDefinition(String id, Domain domain, String kind, String district,
                                double lat, double lon, List<String> metrics) {
            this(id, domain, kind, district, lat, lon, metrics, null);
        }

        public Topic topic(String cityId) {
            return new Topic(cityId, domain, id);
        }
    }

    /**
     * A road in one direction of travel, as segments ordered from upstream to downstream: a queue
     * that forms on a segment grows into the segments before it.
     *
     * @param speedLimitKmh the posted limit, or null for the simulator's default
     */
    public record Corridor(String id, String name, Double speedLimitKmh, List<Segment> segments) {
        public Corridor {
            segments = segments == null ? List.of() : List.copyOf(segments);
        }
    }

    /**
     * A stretch of a corridor and the traffic sensors on it.
     *
     * @param geometry a GeoJSON LineString in the direction of travel, kept as parsed; may be null
     * @param sensors  ids of the traffic sensors on this segment
     */
    public record Segment(String id, String name, Map<String, Object> geometry, List<String> sensors) {
        public Segment {
            sensors = sensors == null ? List.of() : List.copyOf(sensors);
        }
    }

    /**
     * A place that sensors measure.
     *
     * @param kind        {@code substation}, {@code building}, {@code plant} or {@code pv-site}
     * @param capacityKw  rated power: a substation's or a plant's typical load, a building's peak
     *                    load, a PV site's peak output; null for the simulator's default
     * @param loadProfile how the load follows the clock: {@code office}, {@code residential},
     *                    {@code commercial}, {@code campus}, {@code hospital}, {@code venue} or
     *                    {@code industrial-steady}; null for {@code office}
     */
    public record Site(String id, String kind, String name, String district, double lat, double lon,
                       Double capacityKw, String loadProfile) {
    }
}
