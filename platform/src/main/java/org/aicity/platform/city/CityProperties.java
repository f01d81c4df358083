package org.aicity.platform.city;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * @param definitions built-in city ids or paths of city definition files; the first one is the
 *                    demo city of the embedded run mode
 */
@ConfigurationProperties("aicity.city")
record CityProperties(List<String> definitions) {
    CityProperties {
        if (definitions == null || definitions.isEmpty() || definitions.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("aicity.city.definitions (env AICITY_CITIES) must list at least one "
                + "city: a built-in id such as songdo or the path of a city definition file");
        }
        definitions = List.copyOf(definitions);
    }
}
