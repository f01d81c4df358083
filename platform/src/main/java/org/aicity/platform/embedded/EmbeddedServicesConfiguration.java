package org.aicity.platform.embedded;

import java.time.Clock;

import org.aicity.job.JobConfig;
import org.aicity.job.mqtt.AckMode;
import org.aicity.platform.city.CityCatalog;
import org.aicity.platform.status.ComponentReporter;
import org.aicity.platform.status.ComponentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

import java.util.Map;
import java.util.Set;

@Configuration(proxyBeanMethods = false)
class EmbeddedServicesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServicesConfiguration.class);

    @Bean(destroyMethod = "close")
    @Conditional(EmbeddedBrokerCondition.class)
    EmbeddedBroker embeddedBroker(RunProperties run) {
        int port = FreePorts.preferredOrFree("MQTT broker", run.embedded().broker().port(),
            "aicity.embedded.broker.port (env AICITY_BROKER_PORT)");
        return EmbeddedBroker.start(new WorkDirectory(run.workDir()), port);
    }

    @Bean
    MqttBroker mqttBroker(RunProperties run, ObjectProvider<EmbeddedBroker> embedded) {
        EmbeddedBroker broker = embedded.getIfAvailable();
        if (broker != null) {
            return new MqttBroker(broker.url(), true);
        }
        if (!run.mqtt().configured() && (run.jobEnabled() || run.simulatorEnabled())) {
            throw new IllegalStateException("aicity.mode=external runs the stream job or the simulator in this JVM, "
                + "so it needs a broker: set MQTT_URL (aicity.mqtt.url), e.g. tcp://broker:1883, or turn them off with "
                + "AICITY_JOB_ENABLED=false and AICITY_SIMULATOR_ENABLED=false");
        }
        return new MqttBroker(run.mqtt().url(), false);
    }

    @Bean
    DatabaseConnection databaseConnection(ObjectProvider<EmbeddedDatabase> embedded, Environment env) {
        EmbeddedDatabase db = embedded.getIfAvailable();
        if (db != null) {
            return new DatabaseConnection(db.jdbcUrl(), db.username(), null);
        }
        return new DatabaseConnection(env.getRequiredProperty("spring.datasource.url"),
            env.getProperty("spring.datasource.username"), env.getProperty("spring.datasource.password"));
    }

    @Bean
    @Order(3)
    @Conditional(EmbeddedPartCondition.Job.class)
    EmbeddedStreamJob embeddedStreamJob(RunProperties run, MqttBroker broker, DatabaseConnection db, CityCatalog cities) {
        // The embedded broker stalls while acks are deferred (see EmbeddedBroker); an external one
        // set up as docs/ says gets the no-loss mode.
        AckMode ack = broker.embedded() ? AckMode.RECEIPT : AckMode.CHECKPOINT;
        RunProperties.Job job = run.embedded().job();
        JobConfig config = JobConfig.fromMap(EmbeddedStreamJob.options(broker, ack, db, cities.sources(), job));
        RunProperties.Simulator sim = run.embedded().simulator();
        if (sim.scaled()) {
            // the copies of a scaled demo city are sensors the job must know, wherever their readings come from
            config = EmbeddedStreamJob.withCity(config, sim.city(cities.demoCity()));
        }
        int sensors = config.pipelineSettings().knownSensorsByCity().values().stream().mapToInt(Set::size).sum();
        HeapAdvice.advice(sensors, Runtime.getRuntime().maxMemory()).ifPresent(log::warn);
        return new EmbeddedStreamJob(config, new WorkDirectory(run.workDir()), job.parallelism(), job.restPort());
    }

    @Bean
    @Order(3)
    @Conditional(EmbeddedPartCondition.JobOff.class)
    ComponentReporter streamJobReporter() {
        return () -> new ComponentStatus("stream-job", ComponentStatus.OFF, null,
            Map.of("note", "not run in this JVM (aicity.embedded.job.enabled=false); it may run on a Flink cluster"));
    }

    @Bean
    @Order(4)
    @Conditional(EmbeddedPartCondition.Simulator.class)
    EmbeddedSimulator embeddedSimulator(RunProperties run, MqttBroker broker, CityCatalog cities) {
        RunProperties.Simulator sim = run.embedded().simulator();
        return new EmbeddedSimulator(broker.url(), sim.city(cities.demoCity()), cities.demoCity().sensors().size(),
            sim.sensorInterval(), sim.backfill(), Clock.systemUTC());
    }

    @Bean
    @Order(4)
    @Conditional(EmbeddedPartCondition.SimulatorOff.class)
    ComponentReporter simulatorReporter() {
        return () -> new ComponentStatus("simulator", ComponentStatus.OFF, null,
            Map.of("note", "not run in this JVM (aicity.embedded.simulator.enabled=false)"));
    }

    @Bean
    @Order(1)
    ComponentReporter databaseReporter(ObjectProvider<EmbeddedDatabase> embedded, Environment env) {
        return () -> {
            EmbeddedDatabase db = embedded.getIfAvailable();
            if (db != null) {
                return new ComponentStatus("database", ComponentStatus.EMBEDDED, db.jdbcUrl(),
                    Map.of("engine", "PostgreSQL (zonky embedded binaries)", "port", db.port()));
            }
            return new ComponentStatus("database", ComponentStatus.EXTERNAL,
                withoutCredentials(env.getProperty("spring.datasource.url", "")), Map.of());
        };
    }

    @Bean
    @Order(2)
    ComponentReporter brokerReporter(MqttBroker broker) {
        return () -> broker.embedded()
            ? new ComponentStatus("mqtt-broker", ComponentStatus.EMBEDDED, broker.url(), Map.of("engine", "HiveMQ CE embedded, MQTT v5"))
            : broker.url() == null || broker.url().isBlank()
                ? new ComponentStatus("mqtt-broker", ComponentStatus.OFF, null, Map.of("note", "no broker configured; nothing in this JVM needs one"))
                : new ComponentStatus("mqtt-broker", ComponentStatus.EXTERNAL, withoutCredentials(broker.url()), Map.of());
    }

    /** Drops a {@code user:password@} part and any password parameter from a URL. */
    static String withoutCredentials(String url) {
        return url.replaceAll("//[^/@]*@", "//").replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    }
}
