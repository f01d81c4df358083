package org.aicity.platform.embedded;

import org.aicity.model.CityDefinition;
import org.aicity.platform.status.ComponentReporter;
import org.aicity.platform.status.ComponentStatus;
import org.aicity.sim.Simulator;
import org.aicity.sim.SimulatorConfig;
import org.aicity.sim.SimulatorStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo city's sensors, simulated in real time on a thread of this JVM: each sensor publishes
 * one reading per {@code sensorInterval}. Started after the stream job, so the job is subscribed
 * before the first reading; stopped before it.
 */
class EmbeddedSimulator implements SmartLifecycle, ComponentReporter {

    static final int PHASE = EmbeddedStreamJob.PHASE + 10;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSimulator.class);

    private final SimulatorConfig config;
    private volatile Simulator simulator;

    EmbeddedSimulator(String brokerUrl, CityDefinition city, Duration sensorInterval) {
        this.config = SimulatorConfig.builder()
            .brokerUrl(brokerUrl)
            .city(city)
            .interval(sensorInterval)
            .clientIdPrefix("aicity-embedded-simulator")
            .build();
    }

    @Override
    public void start() {
        Simulator s = new Simulator(config);
        Thread t = new Thread(s, "simulator-" + config.city().id());
        t.setDaemon(true);
        t.start();
        simulator = s;
        log.info("Simulating {} sensors of {} in real time: one reading per sensor every {} ({} readings/s) to {}",
            config.city().sensors().size(), config.city().id(), config.sensorPeriod(),
            String.format("%.0f", config.effectiveRate()), config.brokerUrl());
    }

    @Override
    public void stop() {
        Simulator s = simulator;
        simulator = null;
        if (s != null) {
            log.info("Stopping the simulator: {}", s.stats().summary());
            s.close();
        }
    }

    @Override
    public boolean isRunning() {
        return simulator != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public ComponentStatus report() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("city", config.city().id());
        details.put("sensors", config.city().sensors().size());
        details.put("sensorInterval", config.sensorPeriod().toString());
        details.put("readingsPerSecond", Math.round(config.effectiveRate() * 10) / 10.0);
        Simulator s = simulator;
        if (s != null) {
            SimulatorStats stats = s.stats();
            details.put("readingsSent", stats.readingsSent());
            details.put("readingsAcknowledged", stats.readingsAcknowledged());
            s.failure().ifPresent(f -> details.put("failure", f.toString()));
        }
        return new ComponentStatus("simulator", ComponentStatus.EMBEDDED, config.brokerUrl(), details);
    }
}
