package org.aicity.sim;

import org.aicity.model.CityDefinition;
import org.aicity.model.CityDefinition.SensorDefinition;
import org.aicity.sim.export.ReadingExport;
import org.aicity.sim.truth.GroundTruthEvent;
import org.aicity.sim.truth.GroundTruthWriter;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes a city's sensor readings over MQTT v5 (or writes them to an export file) as the
 * configuration says: paced by a throttler or as fast as possible, with per-sensor monotonic seqs,
 * optional gateway batches, interleaved invalid messages, incidents, sensor and transport faults,
 * and a ground-truth file of everything injected.
 *
 * <p>Run it on a thread of your own ({@link #run()} blocks until a bounded run is done or
 * {@link #close()} is called); watch it with {@link #stats()} and wait for it with
 * {@link #awaitCompletion(Duration)}. A run connects, publishes every sensor's retained description
 * if asked, publishes the readings, then waits for the outstanding acknowledgements and disconnects.
 * A simulator runs once.
 */
public final class Simulator implements Runnable, AutoCloseable {

    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration BOUNDED_PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Duration UNBOUNDED_PROGRESS_EVERY = Duration.ofSeconds(60);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

    private final SimulatorConfig config;
    private final Clock clock;
    private final RunCounters counters = new RunCounters();
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicLong startNanos = new AtomicLong();
    private final AtomicLong endNanos = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    public Simulator(SimulatorConfig config) {
        this(config, Clock.systemUTC());
    }

    /** @param clock gives the event time of the first reading when the configuration has no start time */
    public Simulator(SimulatorConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public SimulatorConfig config() {
        return config;
    }

    @Override
    public void run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a Simulator runs once; create a new one");
        }
        CityDefinition city = config.city();
        GroundTruthWriter truth = null;
        try {
            truth = openGroundTruth();
            if (config.endTime() != null && !paced() && config.export() == null && config.endTime().isAfter(clock.instant())) {
                LOG.warn("sensors-sim: the backfill runs to {}, after now: readings stamped in the future are rejected by ingest",
                    config.endTime());
            }
            PublishPlan plan;
            if (config.export() != null) {
                plan = plan(city);
                try (ReadingExport out = ReadingExport.create(config.export())) {
                    publishReadings((m, outcome) -> {
                        m.readings().forEach(out::write);
                        outcome.acknowledged();
                    }, plan, truth);
                }
            } else {
                try (MqttPublisher publisher = MqttPublisher.connect(config, () -> stop.getCount() == 0, counters.pubackLatency)) {
                    if (config.publishMeta()) {
                        publishMeta(publisher, city);
                    }
                    // Event time starts now that publishing can: taken before connecting (and the
                    // descriptions), every reading of a paced run went out that much after its own
                    // time, 0.6 s on a 2-core machine, which every publish->stored latency included.
                    plan = plan(city);
                    publishReadings((m, outcome) -> publisher.publish(m.sensorIndex(), m.topic(), m.payload(), config.qos(),
                        false, outcome), plan, truth);
                    if (!publisher.awaitNothingInFlight(DRAIN_TIMEOUT)) {
                        LOG.warn("sensors-sim: {} readings still unacknowledged after waiting {} s", stats().readingsInFlight(),
                            DRAIN_TIMEOUT.toSeconds());
                    }
                }
            }
            for (GroundTruthEvent e : plan.drainTruth()) {
                record(truth, e);
            }
        } catch (MqttException e) {
            failure.set(e);
            throw new IllegalStateException("cannot connect to the MQTT broker at " + config.brokerUrl() + ": " + e
                + " (is it running? set the broker URL)", e);
        } catch (IOException e) {
            failure.set(e);
            throw new UncheckedIOException("sensors-sim: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.set(e);
        } catch (RuntimeException e) {
            failure.set(e);
            throw e;
        } finally {
            closeQuietly(truth);
            endNanos.set(System.nanoTime());
            finished.countDown();
            SimulatorStats end = stats();
            LOG.info("sensors-sim: {}: {} readings sent, {} acknowledged, {} failed, {} in flight; {} invalid messages{}",
                failure.get() == null ? "finished" : "ended by " + failure.get(), String.format("%,d", end.readingsSent()),
                String.format("%,d", end.readingsAcknowledged()), String.format("%,d", end.readingsFailed()),
                String.format("%,d", end.readingsInFlight()), end.invalidMessagesSent(),
                config.groundTruthFile() == null ? "" : "; ground truth in " + config.groundTruthFile());
        }
    }

    /** The run's messages, their event time from the configured start or from now; announced in the log. */
    private PublishPlan plan(CityDefinition city) {
        PublishPlan plan = new PublishPlan(config, config.startTime() != null ? config.startTime() : clock.instant());
        LOG.info("sensors-sim: {} sensors of {} to {}: {} readings/s (each sensor every {} of event time), {}, "
                + "QoS {}, batch {}, {} connection(s), event time from {} at {}, seed {}",
            city.sensors().size(), city.id(), destination(), pacing(), config.sensorPeriod(), describeBound(),
            config.qos(), config.batchSize(), config.connections(), plan.start(),
            paced() ? "x" + config.timeScale() : "full speed", config.seed());
        return plan;
    }

    /** Where a message goes: the broker or the export file. */
    private interface Sink {
        void send(PublishPlan.Message m, MqttPublisher.Outcome outcome) throws InterruptedException;
    }

    private boolean paced() {
        return config.paced() && config.export() == null;
    }

    private String destination() {
        return config.export() != null ? config.export().file() + " (" + config.export().format() + ")" : config.brokerUrl();
    }

    private String pacing() {
        return paced() ? String.format("%,.1f", config.effectiveRate()) : "as fast as possible (not paced)";
    }

    private GroundTruthWriter openGroundTruth() throws IOException {
        if (config.groundTruthFile() == null) {
            if (config.injects()) {
                LOG.warn("sensors-sim: incidents or faults are injected but no ground-truth file is set; nothing records them");
            }
            return null;
        }
        return GroundTruthWriter.create(config.groundTruthFile());
    }

    private void record(GroundTruthWriter truth, GroundTruthEvent e) {
        counters.injected(e);
        if (truth != null) {
            truth.write(e);
        }
    }

    private static void closeQuietly(GroundTruthWriter truth) {
        if (truth != null) {
            try {
                truth.close();
            } catch (IOException e) {
                LOG.warn("sensors-sim: closing the ground-truth file failed: {}", e.toString());
            }
        }
    }

    private void publishMeta(MqttPublisher publisher, CityDefinition city) throws InterruptedException {
        List<SensorDefinition> sensors = city.sensors();
        for (int i = 0; i < sensors.size() && stop.getCount() > 0; i++) {
            SensorDefinition s = sensors.get(i);
            publisher.publish(i, s.topic(city.id()).metaName(), SensorMeta.json(city.id(), s), 1, true,
                new MqttPublisher.Outcome() {
                    @Override
                    public void acknowledged() {
                        counters.metaAcknowledged();
                    }

                    @Override
                    public void failed(String reason) {
                        LOG.warn("sensors-sim: description of {} not published: {}", s.id(), reason);
                    }
                });
        }
        // descriptions first: a consumer that sees a reading can already know its sensor
        publisher.awaitNothingInFlight(DRAIN_TIMEOUT);
    }

    private void publishReadings(Sink sink, PublishPlan plan, GroundTruthWriter truth) throws InterruptedException {
        Throttler throttler = new Throttler(System::nanoTime, stop);
        startNanos.set(System.nanoTime());
        boolean paced = paced();
        long progressEvery = (config.bounded() ? BOUNDED_PROGRESS_EVERY : UNBOUNDED_PROGRESS_EVERY).toNanos();
        long nextProgress = progressEvery;
        while (plan.hasNext()) {
            PublishPlan.Message m = plan.next();
            if (paced ? !throttler.awaitOffset(m.dueNanos()) : stop.getCount() == 0) {
                break;
            }
            counters.sent(m);
            if (truth != null) {
                m.truth().forEach(truth::write);
            }
            sink.send(m, new MqttPublisher.Outcome() {
                @Override
                public void acknowledged() {
                    counters.acknowledged(m);
                }

                @Override
                public void failed(String reason) {
                    counters.failed(m);
                    LOG.debug("sensors-sim: message to {} failed: {}", m.topic(), reason);
                }
            });
            if (throttler.elapsedNanos() >= nextProgress) {
                nextProgress += progressEvery;
                logProgress();
            }
        }
    }

    private void logProgress() {
        SimulatorStats s = stats();
        double seconds = s.elapsed().toNanos() / 1e9;
        String of = config.maxReadings() > 0
            ? String.format("/%,d readings sent (%d%%)", config.maxReadings(), s.readingsSent() * 100 / config.maxReadings())
            : " readings sent";
        LOG.info("sensors-sim: {}{}, {} acknowledged, {} failed, {} readings/s",
            String.format("%,d", s.readingsSent()), of, String.format("%,d", s.readingsAcknowledged()),
            String.format("%,d", s.readingsFailed()), String.format("%,.0f", s.readingsSent() / seconds));
    }

    private String describeBound() {
        if (!config.bounded()) {
            return "until stopped";
        }
        List<String> bounds = new java.util.ArrayList<>();
        if (config.maxReadings() > 0) {
            bounds.add(String.format("%,d readings", config.maxReadings()));
        }
        if (!config.duration().isZero()) {
            bounds.add("for " + config.duration());
        }
        if (config.endTime() != null) {
            bounds.add("until event time " + config.endTime());
        }
        return String.join(" or ", bounds);
    }

    /** The counts so far; safe to call from any thread at any time. */
    public SimulatorStats stats() {
        long s = startNanos.get();
        long e = endNanos.get();
        Duration elapsed = s == 0 ? Duration.ZERO : Duration.ofNanos((e != 0 ? e : System.nanoTime()) - s);
        return counters.snapshot(elapsed, finished.getCount() == 0);
    }

    /**
     * Waits until the run has ended: all readings of a bounded run published and acknowledged (or
     * failed), or the run stopped by {@link #close()}.
     *
     * @return true if it ended, false if the time ran out first
     */
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Why the run ended early, if it did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /**
     * Stops publishing, waits for what is in flight to be acknowledged and disconnects cleanly.
     * Returns at once if the simulator never ran.
     */
    @Override
    public void close() {
        stop.countDown();
        if (!started.get()) {
            return;
        }
        try {
            if (!finished.await(CLOSE_TIMEOUT.toNanos() + DRAIN_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
                LOG.warn("sensors-sim: the run did not end within {} s of close()", CLOSE_TIMEOUT.plus(DRAIN_TIMEOUT).toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
