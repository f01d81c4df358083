package org.aicity.model;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CityDefinitionsTest {

    @Test
    void songdoShipsAFewHundredSensorsAcrossTheThreeDomainsInItsFiveDistricts() {
        CityDefinition songdo = CityDefinitions.builtIn("songdo");

        assertThat(songdo.timezone()).isEqualTo("Asia/Seoul");
        assertThat(songdo.districts()).extracting(CityDefinition.District::name)
            .containsExactly("Songdo 1-dong", "Songdo 2-dong", "Songdo 3-dong", "Songdo 4-dong", "Songdo 5-dong");
        Map<Domain, Long> perDomain = songdo.sensors().stream()
            .collect(Collectors.groupingBy(CityDefinition.SensorDefinition::domain, Collectors.counting()));
        assertThat(perDomain).containsOnlyKeys(Domain.values());
        assertThat(songdo.sensors()).hasSizeBetween(200, 1000);
        assertThat(CityDefinitions.check(songdo, MetricCatalogue.standard())).isEmpty();
    }

    @Test
    void invalidDefinitionListsEveryProblem() {
        String json = """
            {"id":"Bad City","name":"x","timezone":"Mars/Olympus","center":[0,0],
             "districts":[{"id":"d1","name":"D1","geometry":{}}],
             "sensors":[{"id":"s1","domain":"traffic","kind":"k","district":"d9","lat":0,"lon":0,"metrics":["pm25"]},
                        {"id":"s1","domain":"traffic","kind":"k","district":"d1","lat":0,"lon":0,"metrics":["speed"]}]}
            """;
        assertThatThrownBy(() -> CityDefinitions.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("id 'Bad City' must match")
            .hasMessageContaining("timezone 'Mars/Olympus' is not an IANA zone")
            .hasMessageContaining("sensor 's1' is in unknown district 'd9'")
            .hasMessageContaining("sensor 's1' reports pm25, which is not a traffic metric")
            .hasMessageContaining("sensor 's1' is defined twice")
            .hasMessageContaining("sensor 's1' reports unknown metric 'speed'");
    }

    @Test
    void unknownCityNamesTheBuiltInOnes() {
        assertThatThrownBy(() -> CityDefinitions.resolve("atlantis"))
            .hasMessageContaining("'atlantis' is neither a built-in city [songdo, goyang]");
    }
}
