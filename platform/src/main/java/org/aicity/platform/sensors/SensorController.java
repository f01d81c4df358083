package org.aicity.platform.sensors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.aicity.model.CityDefinition;
import org.aicity.model.Domain;
import org.aicity.platform.city.CityCatalog;
import org.aicity.platform.web.InvalidParameterException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;

@RestController
@RequestMapping("/api/v1/cities/{city}/sensors")
@Tag(name = "sensors")
class SensorController {

    private final CityCatalog cities;
    private final SensorRepository sensors;
    private final SensorRegistry registry;
    private final SensorsProperties properties;

    SensorController(CityCatalog cities, SensorRepository sensors, SensorRegistry registry, SensorsProperties properties) {
        this.cities = cities;
        this.sensors = sensors;
        this.registry = registry;
        this.properties = properties;
    }

    /** A page of the sensors, in id order. */
    record SensorPage(String cityId, int page, int size, long total, List<Sensor> sensors) {
    }

    @GetMapping
    @Operation(summary = "List a city's sensors", description = "Sensors in id order, optionally filtered by domain and district.")
    SensorPage list(@PathVariable String city,
                    @Parameter(description = "traffic, energy or environment") @RequestParam(required = false) String domain,
                    @Parameter(description = "a district id of the city") @RequestParam(required = false) String district,
                    @Parameter(description = "0-based page number") @RequestParam(defaultValue = "0") int page,
                    @Parameter(description = "page size; the default and maximum are configured") @RequestParam(required = false) Integer size) {
        CityDefinition def = cities.require(city);
        if (domain != null && Domain.fromWire(domain).isEmpty()) {
            throw new InvalidParameterException("domain", "domain must be one of "
                + Arrays.stream(Domain.values()).map(Domain::wireName).toList() + ", got '" + domain + "'");
        }
        if (district != null && def.districts().stream().noneMatch(d -> d.id().equals(district))) {
            throw new InvalidParameterException("district", "city '" + city + "' has no district '" + district
                + "'; its districts are " + def.districts().stream().map(CityDefinition.District::id).toList());
        }
        if (page < 0) {
            throw new InvalidParameterException("page", "page must be 0 or more, got " + page);
        }
        int pageSize = size == null ? properties.defaultPageSize() : size;
        if (pageSize < 1 || pageSize > properties.maxPageSize()) {
            throw new InvalidParameterException("size", "size must be between 1 and " + properties.maxPageSize() + ", got " + pageSize);
        }
        List<Sensor> items = sensors.page(city, domain, district, (long) page * pageSize, pageSize);
        return new SensorPage(city, page, pageSize, sensors.count(city, domain, district), items);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One sensor")
    Sensor get(@PathVariable String city, @PathVariable String id) {
        return registry.require(city, id);
    }
}
