package org.aicity.platform.sensors;

import org.aicity.platform.city.CityCatalog;
import org.aicity.platform.web.ResourceNotFoundException;
import org.springframework.stereotype.Service;

/** Looks sensors up for the features that serve a sensor's data. */
@Service
public class SensorRegistry {

    private final CityCatalog cities;
    private final SensorRepository sensors;

    SensorRegistry(CityCatalog cities, SensorRepository sensors) {
        this.cities = cities;
        this.sensors = sensors;
    }

    /** @throws ResourceNotFoundException (404) for an unknown city, or a sensor the city does not have */
    public Sensor require(String cityId, String sensorId) {
        cities.require(cityId);
        return sensors.find(cityId, sensorId).orElseThrow(() -> new ResourceNotFoundException("sensor", sensorId,
            "city '" + cityId + "' has no sensor '" + sensorId + "'"));
    }
}
