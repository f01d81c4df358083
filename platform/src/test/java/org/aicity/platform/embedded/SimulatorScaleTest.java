package org.aicity.platform.embedded;

import org.aicity.job.JobConfig;
import org.aicity.job.mqtt.AckMode;
import org.aicity.model.CityDefinition;
import org.aicity.model.CityDefinitions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * AICITY_SIMULATOR_SENSORS, bound through application.yml as at start (no context, no services):
 * the simulated city, the job's known sensors and what the status reports.
 */
class SimulatorScaleTest {

    private static final CityDefinition SONGDO = CityDefinitions.builtIn("songdo");

    /** The run properties as application.yml binds them with these environment variables. */
    private static RunProperties bind(Map<String, Object> env) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test-env", env));
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
            .forEach(environment.getPropertySources()::addLast);
        return Binder.get(environment).bind("aicity", RunProperties.class).get();
    }

    @Test
    void theCityAsDefinedByDefault() throws IOException {
        RunProperties.Simulator sim = bind(Map.of()).embedded().simulator();

        assertThat(sim.sensors()).isZero();
        assertThat(sim.scaled()).isFalse();
        assertThat(sim.city(SONGDO)).isSameAs(SONGDO);
        assertThat(bind(Map.of("AICITY_SIMULATOR_SENSORS", "")).embedded().simulator().sensors()).isZero();
    }

    @Test
    void scalesTheDemoCityForTheSimulatorAndTheJob() throws IOException {
        RunProperties run = bind(Map.of("AICITY_SIMULATOR_SENSORS", "10000", "AICITY_SIMULATOR_INTERVAL", "PT1S"));
        RunProperties.Simulator sim = run.embedded().simulator();
        CityDefinition city = sim.city(SONGDO);

        assertThat(sim.scaled()).isTrue();
        assertThat(city.sensors()).hasSize(10_000);
        assertThat(city.sensors().subList(0, SONGDO.sensors().size())).isEqualTo(SONGDO.sensors());

        DatabaseConnection db = new DatabaseConnection("jdbc:postgresql://localhost:5432/postgres", "postgres", null);
        JobConfig defined = JobConfig.fromMap(EmbeddedStreamJob.options(new MqttBroker("tcp://127.0.0.1:1883", true), AckMode.RECEIPT, db,
            List.of("songdo", "goyang"), run.embedded().job()));
        JobConfig job = EmbeddedStreamJob.withCity(defined, city);
        assertThat(job).usingRecursiveComparison().ignoringFields("cities").isEqualTo(defined);
        assertThat(job.cities()).extracting(CityDefinition::id).containsExactly("songdo", "goyang");
        assertThat(job.pipelineSettings().knownSensorsByCity().get("songdo"))
            .hasSize(10_000).contains("songdo-trf-0001", "songdo-trf-0001-1");
        assertThat(job.cities().get(1)).isSameAs(defined.cities().get(1));
        // one reader on the embedded broker: a plain subscription (HiveMQ's shared queues scan on every ack)
        assertThat(job.mqttSharedGroup()).isEmpty();
        // acks on receipt: nothing is redelivered after a restart, so a short dedup memory
        assertThat(job.dedupTtl()).isEqualTo(java.time.Duration.ofMinutes(2));
        JobConfig external = JobConfig.fromMap(EmbeddedStreamJob.options(new MqttBroker("tcp://broker:1883", false), AckMode.CHECKPOINT,
            db, List.of("songdo"), run.embedded().job()));
        assertThat(external.mqttSharedGroup()).isNotBlank();
        assertThat(external.dedupTtl()).isEqualTo(java.time.Duration.ofMinutes(10));

        EmbeddedSimulator simulator = new EmbeddedSimulator("tcp://127.0.0.1:1883", city, SONGDO.sensors().size(),
            sim.sensorInterval(), sim.backfill(), java.time.Clock.systemUTC());
        assertThat(simulator.report().details())
            .containsEntry("sensors", 10_000)
            .containsEntry("sensorsDefined", 300)
            .containsEntry("sensorInterval", "PT1S")
            .containsEntry("readingsPerSecond", 10_000.0)
            .containsEntry("backfill", "PT0S");
        assertThat(simulator.describeSensors()).isEqualTo("10000 sensors (its 300 scaled by AICITY_SIMULATOR_SENSORS)");
    }

    @Test
    void aNegativeOrHugeCountIsAConfigurationError() {
        assertThatThrownBy(() -> bind(Map.of("AICITY_SIMULATOR_SENSORS", "-5")))
            .isInstanceOf(BindException.class)
            .rootCause().hasMessageContaining("AICITY_SIMULATOR_SENSORS").hasMessageContaining("got -5");
        assertThatThrownBy(() -> bind(Map.of("AICITY_SIMULATOR_SENSORS", "2000000")))
            .rootCause().hasMessageContaining("from 1 to 1000000");
        assertThatThrownBy(() -> bind(Map.of("AICITY_SIMULATOR_SENSORS", "ten")))
            .isInstanceOf(BindException.class)
            .hasMessageContaining("aicity.embedded.simulator.sensors");
    }

    @Test
    void theBackfillIsBoundedSoThatALargeCityDoesNotQueueMinutesOfReadingsInTheBroker() {
        // the default city: 5 minutes, 18,000 readings at 60x real time (3,600/s), as before
        EmbeddedSimulator.Backfill songdo = EmbeddedSimulator.Backfill.plan(Duration.ofMinutes(5), Duration.ofSeconds(5), 300);
        assertThat(songdo.periods()).isEqualTo(60);
        assertThat(songdo.timeScale()).isEqualTo(60);
        assertThat(songdo.note()).isNull();

        // 300 readings/s: shortened to 60,000 readings, published at 5,000/s
        EmbeddedSimulator.Backfill faster = EmbeddedSimulator.Backfill.plan(Duration.ofMinutes(5), Duration.ofSeconds(1), 300);
        assertThat(faster.periods()).isEqualTo(200);
        assertThat(faster.timeScale()).isCloseTo(5_000 / 300.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(faster.note()).startsWith("shortened from PT5M to PT3M20S");

        // 10,000 readings/s: 60,000 readings would be 6 s of history, so none
        EmbeddedSimulator.Backfill large = EmbeddedSimulator.Backfill.plan(Duration.ofMinutes(5), Duration.ofSeconds(1), 10_000);
        assertThat(large.periods()).isZero();
        assertThat(large.note()).startsWith("skipped");

        // a short backfill asked for is kept as it is
        assertThat(EmbeddedSimulator.Backfill.plan(Duration.ofSeconds(30), Duration.ofSeconds(5), 300).periods()).isEqualTo(6);
        assertThat(EmbeddedSimulator.Backfill.plan(Duration.ZERO, Duration.ofSeconds(1), 10_000).periods()).isZero();
    }

    @Test
    void aSmallerCountSamplesTheCity() throws IOException {
        CityDefinition city = bind(Map.of("AICITY_SIMULATOR_SENSORS", "30")).embedded().simulator().city(SONGDO);

        assertThat(city.sensors()).hasSize(30);
        assertThat(Duration.ofSeconds(5)).isEqualTo(bind(Map.of()).embedded().simulator().sensorInterval());
    }
}
