package org.aicity.bench;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --postgres-config}: PostgreSQL settings for a run, and the error a typo gets. */
class PostgresSettingsTest {

    @Test
    void parsesNameValuePairsInOrder() {
        assertThat(BenchmarkCli.postgresSettings("shared_buffers=512MB, max_wal_size = 4GB"))
            .containsExactly(Map.entry("shared_buffers", "512MB"), Map.entry("max_wal_size", "4GB"));
        assertThat(BenchmarkCli.postgresSettings("")).isEmpty();
    }

    @Test
    void refusesWhatIsNotNameEqualsValue() {
        for (String bad : List.of("shared_buffers", "=1GB", "shared_buffers=", "shared buffers=1GB", "max-wal-size=4GB")) {
            assertThatThrownBy(() -> BenchmarkCli.postgresSettings(bad)).as(bad)
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--postgres-config");
        }
    }
}
