package org.aicity.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A city, set up by configuration alone: its districts (GeoJSON geometries) and its sensors.
 *
 * @param id        the city id used in topics and URLs, e.g. {@code songdo}
 * @param timezone  IANA zone of local time, for daily patterns, e.g. {@code Asia/Seoul}
 * @param center    [longitude, latitude] of the map centre
 */
public record CityDefinition(String id, String name, String timezone, List<Double> center,
                             List<District> districts, List<SensorDefinition> sensors) {

    public CityDefinition {
        districts = List.copyOf(districts);
        sensors = List.copyOf(sensors);
        center = List.copyOf(center);
    }

    public Optional<SensorDefinition> sensor(String sensorId) {
        return sensors.stream().filter(s -> s.id().equals(sensorId)).findFirst();
    }

    public Map<String, SensorDefinition> sensorsById() {
        return sensors.stream().collect(Collectors.toMap(SensorDefinition::id, Function.identity()));
    }

    /**
     * A district.
     *
     * @param geometry a GeoJSON geometry object (Polygon or MultiPolygon), kept as parsed
     */
    public record District(String id, String name, Map<String, Object> geometry) {
    }

    /** A sensor's fixed description; published retained on its {@code /meta} topic. */
    public record SensorDefinition(String id, Domain domain, String kind, String district,
                                   double lat, double lon, List<String> metrics) {
        public SensorDefinition {
            metrics = List.copyOf(metrics);
        }

        public Topic topic(String cityId) {
            return new Topic(cityId, domain, id);
        }
    }
}
