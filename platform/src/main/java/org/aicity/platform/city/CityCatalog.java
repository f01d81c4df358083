package org.aicity.platform.city;

import org.aicity.model.CityDefinition;
import org.aicity.model.CityDefinitions;
import org.aicity.platform.web.ResourceNotFoundException;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured cities, by id. Loading fails the start with the definition's problems listed. */
@Component
public class CityCatalog {

    private final Map<String, CityDefinition> byId = new LinkedHashMap<>();
    private final List<String> sources;

    CityCatalog(CityProperties properties) {
        this.sources = properties.definitions();
        for (String idOrPath : properties.definitions()) {
            CityDefinition city = CityDefinitions.resolve(idOrPath.trim());
            if (byId.putIfAbsent(city.id(), city) != null) {
                throw new IllegalArgumentException("aicity.city.definitions names city '" + city.id() + "' twice");
            }
        }
    }

    /** The configured ids and definition file paths, as given, for other programs that load cities. */
    public List<String> sources() {
        return sources;
    }

    public List<CityDefinition> all() {
        return List.copyOf(byId.values());
    }

    /** The first configured city: the one the embedded simulator plays. */
    public CityDefinition demoCity() {
        return byId.values().iterator().next();
    }

    public Optional<CityDefinition> find(String cityId) {
        return Optional.ofNullable(byId.get(cityId));
    }

    /** @throws ResourceNotFoundException (404) for a city that is not configured */
    public CityDefinition require(String cityId) {
        return find(cityId).orElseThrow(() -> new ResourceNotFoundException("city", cityId,
            "city '" + cityId + "' is not served here; known cities are " + byId.keySet()));
    }
}
