package org.aicity.sim.city;

import org.aicity.model.CityDefinition;
import org.aicity.model.CityDefinitions;
import org.aicity.model.MetricCatalogue;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticCityTest {

    private static final CityDefinition SONGDO = CityDefinitions.builtIn("songdo");

    @Test
    void shouldGrowToAHundredThousandValidSensorsKeepingTheOriginalsAndTheMix() {
        CityDefinition big = SyntheticCity.scale(SONGDO, 100_000);

        assertThat(big.sensors()).hasSize(100_000);
        assertThat(big.sensors().subList(0, 300)).isEqualTo(SONGDO.sensors());
        assertThat(CityDefinitions.check(big, MetricCatalogue.standard())).isEmpty();
        assertThat(share(big, "loop-detector")).isCloseTo(share(SONGDO, "loop-detector"), org.assertj.core.data.Offset.offset(0.01));
        assertThat(big.corridors().size()).isGreaterThan(100 * SONGDO.corridors().size());
        assertThat(SyntheticCity.scale(SONGDO, 100_000)).isEqualTo(big);
    }

    @Test
    void shouldSampleEvenlyBelowTheCitysOwnCount() {
        CityDefinition small = SyntheticCity.scale(SONGDO, 30);

        assertThat(small.sensors()).hasSize(30);
        assertThat(CityDefinitions.check(small, MetricCatalogue.standard())).isEmpty();
        assertThat(small.sensors().stream().map(CityDefinition.SensorDefinition::domain).distinct()).hasSize(3);
        assertThat(small.corridors()).isNotEmpty();
    }

    private static double share(CityDefinition c, String kind) {
        Map<String, Long> byKind = c.sensors().stream().collect(Collectors.groupingBy(CityDefinition.SensorDefinition::kind,
            Collectors.counting()));
        return byKind.get(kind) / (double) c.sensors().size();
    }
}
