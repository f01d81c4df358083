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
 * minutes of readings, published at up to 60 times real time, so that the first 1-minute
 * aggregates exist right after start rather than after the next minute boundary; bounded in
 * readings and rate (see {@link Backfill}), so a large city gets a shorter one or none. Then real time:
 * each sensor publishes one reading per {@code sensorInterval}. The backfill ends on a period
 * boundary before the real-time start, so the two runs' sequence numbers and timestamps never
 * overlap. Started after the stream job, so the job is subscribed before the first reading;
 * stopped before it.
 */
class EmbeddedSimulator implements SmartLifecycle, ComponentReporter {

    static final int PHASE = EmbeddedStreamJob.PHASE + 10;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSimulator.class);

    /** Publishing rate of the backfill relative to real time, at most. */
    static final double BACKFILL_TIME_SCALE = 60;
    /**
     * Readings the backfill publishes at most. Whatever the job has not taken yet waits in the
     * broker's queue on this JVM's heap (about 0.5 KB a message with the embedded broker), and a
     * scaled city's 5 minutes (3,000,000 readings for 10,000 sensors every second) filled the
     * broker's queue (1,000,000 messages) and took the JVM past 4 GB RSS while the job fell minutes behind.
     */
    static final long BACKFILL_MAX_READINGS = 60_000;
    /**
     * Readings per second the backfill publishes at most, so that what it leaves queued while the job
     * catches up stays small (the embedded job took 2,500 to 3,500 readings/s on a busy 2-core machine).
     */
    static final double BACKFILL_MAX_RATE = 5_000;

    private final SimulatorConfig config;
    private final int definedSensors;
    private final Backfill plan;
    private final Clock clock;
    private volatile boolean running;
    private volatile Simulator simulator;
    private volatile Thread thread;

    /**
     * @param city           the demo city as simulated, possibly scaled
     * @param definedSensors its number of sensors as defined, before any scaling
     */
    EmbeddedSimulator(String brokerUrl, CityDefinition city, int definedSensors, Duration sensorInterval, Duration backfill,
                      Clock clock) {
        this.definedSensors = definedSensors;
        this.config = SimulatorConfig.builder()
            .brokerUrl(brokerUrl)
            .city(city)
            .interval(sensorInterval)
            .clientIdPrefix("aicity-embedded-simulator")
            .build();
        this.plan = Backfill.plan(backfill, config.sensorPeriod(), config.city().sensors().size());
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
        long periods = plan.periods();
        if (plan.note() != null) {
            log.info("Backfill of {} {}", config.city().id(), plan.note());
        }
        if (periods > 0) {
            long periodMillis = config.sensorPeriod().toMillis();
            Instant boundary = Instant.ofEpochMilli(clock.millis() / periodMillis * periodMillis);
            SimulatorConfig history = config.toBuilder()
                .clientIdPrefix("aicity-embedded-backfill")
                .startTime(boundary.minusMillis(periods * periodMillis))
                .timeScale(plan.timeScale())
                .maxReadings(periods * config.city().sensors().size())
                .publishMeta(false)
                .build();
            log.info("Backfilling the last {} of {} ({}): {} readings at {}x real time",
                config.sensorPeriod().multipliedBy(periods), config.city().id(), describeSensors(), history.maxReadings(),
                String.format("%.1f", plan.timeScale()));
            if (!runToEnd(history)) {
                return;
            }
        }
        if (running) {
            log.info("Simulating {} of {} in real time: one reading per sensor every {} ({} readings/s) to {}",
                describeSensors(), config.city().id(), config.sensorPeriod(),
                String.format("%.0f", config.effectiveRate()), config.brokerUrl());
            runToEnd(config);
        }
    }

    /**
     * What the backfill publishes: {@code periods} readings of every sensor, at {@code timeScale}
     * times real time; {@code note} says why that is less than asked for, or is null.
     */
    record Backfill(long periods, double timeScale, String note) {

        static Backfill plan(Duration backfill, Duration sensorPeriod, int sensors) {
            long asked = backfill.toNanos() / sensorPeriod.toNanos();
            double rate = sensors / (sensorPeriod.toNanos() / 1e9);
            double timeScale = Math.max(1, Math.min(BACKFILL_TIME_SCALE, BACKFILL_MAX_RATE / rate));
            long budget = BACKFILL_MAX_READINGS / sensors;
            if (asked <= budget) {
                return new Backfill(asked, timeScale, null);
            }
            Duration kept = sensorPeriod.multipliedBy(budget);
            if (kept.compareTo(Duration.ofMinutes(1)) < 0) {
                return new Backfill(0, timeScale, String.format("skipped: %s of %d sensors every %s is %,d readings, more than "
                    + "the %,d a backfill may hold (it waits in the broker's queue on the heap); the first 1-minute aggregates "
                    + "come after the first minute", backfill, sensors, sensorPeriod, asked * sensors, BACKFILL_MAX_READINGS));
            }
            return new Backfill(budget, timeScale, String.format("shortened from %s to %s: at most %,d readings",
                backfill, kept, BACKFILL_MAX_READINGS));
        }
    }

    /** "300 sensors", or for a scaled city "10000 sensors (its 300 scaled by AICITY_SIMULATOR_SENSORS)". */
    String describeSensors() {
        int n = config.city().sensors().size();
        return n == definedSensors ? n + " sensors"
            : n + " sensors (its " + definedSensors + " scaled by AICITY_SIMULATOR_SENSORS)";
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
        if (config.city().sensors().size() != definedSensors) {
            details.put("sensorsDefined", definedSensors);
        }
        details.put("sensorInterval", config.sensorPeriod().toString());
        details.put("readingsPerSecond", Math.round(config.effectiveRate() * 10) / 10.0);
        details.put("backfill", config.sensorPeriod().multipliedBy(plan.periods()).toString());
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
