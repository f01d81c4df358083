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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo city's sensors, simulated on a thread of this JVM. First a backfill: the last few
 * minutes of readings, published as fast as the job takes them, so that the first 1-minute
 * aggregates exist right after start rather than after the next minute boundary. Then real time:
 * each sensor publishes one reading per {@code sensorInterval}. The backfill ends on a period
 * boundary before the real-time start, so the two runs' sequence numbers and timestamps never
 * overlap. Started after the stream job, so the job is subscribed before the first reading;
 * stopped before it.
 */
class EmbeddedSimulator implements SmartLifecycle, ComponentReporter {

    static final int PHASE = EmbeddedStreamJob.PHASE + 10;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSimulator.class);

    /** Publishing rate of the backfill relative to real time. */
    private static final double BACKFILL_TIME_SCALE = 60;

    private final SimulatorConfig config;
    private final Duration backfill;
    private final Clock clock;
    private volatile boolean running;
    private volatile Simulator simulator;
    private volatile Thread thread;

    EmbeddedSimulator(String brokerUrl, CityDefinition city, Duration sensorInterval, Duration backfill, Clock clock) {
        this.config = SimulatorConfig.builder()
            .brokerUrl(brokerUrl)
            .city(city)
            .interval(sensorInterval)
            .clientIdPrefix("aicity-embedded-simulator")
            .build();
        this.backfill = backfill;
        this.clock = clock;
    }

    @Override
    public void start() {
        running = true;
        Thread t = new Thread(this::simulate, "simulator-" + config.city().id());
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void simulate() {
        long periods = backfill.toNanos() / config.sensorPeriod().toNanos();
        if (periods > 0) {
            long periodMillis = config.sensorPeriod().toMillis();
            Instant boundary = Instant.ofEpochMilli(clock.millis() / periodMillis * periodMillis);
            SimulatorConfig history = config.toBuilder()
                .clientIdPrefix("aicity-embedded-backfill")
                .startTime(boundary.minusMillis(periods * periodMillis))
                .timeScale(BACKFILL_TIME_SCALE)
                .maxReadings(periods * config.city().sensors().size())
                .publishMeta(false)
                .build();
            log.info("Backfilling the last {} of {}: {} readings at {}x real time",
                backfill, config.city().id(), history.maxReadings(), (long) BACKFILL_TIME_SCALE);
            if (!runToEnd(history)) {
                return;
            }
        }
        if (running) {
            log.info("Simulating {} sensors of {} in real time: one reading per sensor every {} ({} readings/s) to {}",
                config.city().sensors().size(), config.city().id(), config.sensorPeriod(),
                String.format("%.0f", config.effectiveRate()), config.brokerUrl());
            runToEnd(config);
        }
    }

    /** Runs one simulator on this thread; false when it was stopped or failed. */
    private boolean runToEnd(SimulatorConfig c) {
        Simulator s = new Simulator(c);
        simulator = s;
        if (!running) {
            s.close();
            return false;
        }
        try {
            s.run();
        } catch (RuntimeException e) {
            log.error("The simulator stopped: {}", e.getMessage(), e);
            return false;
        }
        if (c.bounded()) {
            log.info("Backfill done: {}", s.stats().summary());
            s.close();
        }
        return running && s.failure().isEmpty();
    }

    @Override
    public void stop() {
        running = false;
        Simulator s = simulator;
        if (s != null) {
            log.info("Stopping the simulator: {}", s.stats().summary());
            s.close();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        simulator = null;
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
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
        details.put("backfill", backfill.toString());
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
