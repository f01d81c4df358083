package org.aicity.platform.sensors;

import org.aicity.model.CityDefinition;
import org.aicity.platform.city.CityCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Writes the configured cities' sensors into the sensor table once the schema is migrated and
 * before the stream job, the simulator or the web server start, so the sensor list is complete
 * from the first request on.
 */
@Component
class SensorSeeder implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(SensorSeeder.class);

    private final CityCatalog cities;
    private final SensorRepository sensors;

    SensorSeeder(CityCatalog cities, SensorRepository sensors) {
        this.cities = cities;
        this.sensors = sensors;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (CityDefinition city : cities.all()) {
            int n = sensors.upsert(city);
            log.info("Registered {} sensors of city {} ({})", n, city.id(), city.name());
        }
    }
}
