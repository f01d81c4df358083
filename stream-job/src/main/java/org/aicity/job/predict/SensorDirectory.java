package org.aicity.job.predict;

import org.aicity.job.aggregate.MetricAggregate;
import org.aicity.model.CityDefinition;

import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Where each sensor is (district) and what it measures (domain), and each city's time zone. */
public final class SensorDirectory implements Serializable {

    private final Map<String, String> districtBySensor = new HashMap<>();
    private final Map<String, String> domainBySensor = new HashMap<>();
    private final Map<String, String> zoneByCity = new HashMap<>();
    private final Map<String, String> kindBySensor = new HashMap<>();

    public SensorDirectory(Collection<CityDefinition> cities) {
        for (CityDefinition c : cities) {
            zoneByCity.put(c.id(), c.timezone());
            for (CityDefinition.SensorDefinition s : c.sensors()) {
                districtBySensor.put(c.id() + "/" + s.id(), s.district() == null ? "" : s.district());
                domainBySensor.put(c.id() + "/" + s.id(), s.domain().wireName());
                if (s.kind() != null) {
                    kindBySensor.put(s.id(), s.kind());
                }
            }
        }
    }

    /** Each sensor's kind (loop-detector, building-meter, ...) by sensor id, for sensors that declare one. */
    public Map<String, String> kindBySensor() {
        return Map.copyOf(kindBySensor);
    }

    public Map<String, String> zoneByCity() {
        return Map.copyOf(zoneByCity);
    }

    /** The aggregate's mean as a step of its sensor series; a sensor of no known city has no district or domain. */
    public SeriesPoint point(MetricAggregate a) {
        String key = a.cityId() + "/" + a.sensorId();
        return new SeriesPoint(a.cityId(), a.sensorId(), a.sensorId(), districtBySensor.getOrDefault(key, ""),
            domainBySensor.getOrDefault(key, ""), a.metric(), a.bucket(), a.mean());
    }
}
