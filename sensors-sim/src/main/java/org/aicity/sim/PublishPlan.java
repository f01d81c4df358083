package org.aicity.sim;

import org.aicity.model.CityDefinition.SensorDefinition;
import org.aicity.model.Domain;
import org.aicity.model.Reading;
import org.aicity.model.ReadingCodec;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The messages of a run, in the order they are published, each with the wall-clock offset at which
 * it is due. Deterministic: it depends only on the configuration and the start time, never on the
 * wall clock, so the same seed and start time give byte-identical messages.
 *
 * <p>Timeline: with n sensors, sensor s reports its k-th reading at event time
 * {@code start + period * (k + s/n)}, so readings are spread evenly over each period. A message
 * carries {@code batchSize} consecutive readings of one sensor and is due when its last reading's
 * event time is reached: wall offset = event offset / timeScale.
 *
 * <p>Seq: a sensor's k-th reading has seq {@code base + k}, where base counts periods since the
 * epoch up to the start time, so a simulator restarted later continues above the seqs it sent
 * before and deduplication does not drop the new readings.
 */
final class PublishPlan implements Iterator<PublishPlan.Message> {

    /** On an unbounded run, one invalid message per this many reading messages until all are sent. */
    static final int UNBOUNDED_INVALID_SPACING = 100;

    private final SimulatorConfig config;
    private final Instant start;
    private final SignalModel model;
    private final ReadingCodec codec = new ReadingCodec();
    private final List<SensorDefinition> sensors;
    private final List<String> topics;
    private final int n;
    private final int batch;
    private final double periodNanos;
    private final long seqBase;
    private final long durationNanos;
    private final long plannedMessages;

    private long nextMessage;
    private long readingsPlanned;
    private long invalidPlanned;
    private long lastDueNanos;

    PublishPlan(SimulatorConfig config, Instant start) {
        this.config = config;
        this.start = start.truncatedTo(ChronoUnit.MILLIS);
        this.model = new SignalModel(config.seed(), ZoneId.of(config.city().timezone()));
        this.sensors = config.city().sensors();
        this.topics = sensors.stream().map(s -> s.topic(config.city().id()).name()).toList();
        this.n = sensors.size();
        this.batch = config.batchSize();
        this.periodNanos = config.sensorPeriodNanos();
        long periodMillis = Math.max(1, Math.round(periodNanos / 1e6));
        this.seqBase = Math.max(0, this.start.toEpochMilli() / periodMillis);
        this.durationNanos = config.duration().toNanos();
        this.plannedMessages = plannedMessages(config);
    }

    /** One MQTT message: readings of one sensor, or one invalid message on that sensor's topic. */
    record Message(int sensorIndex, Domain domain, String topic, byte[] payload, List<Reading> readings,
                   InvalidKind invalid, long dueNanos) {
        boolean isInvalid() {
            return invalid != null;
        }
    }

    private static long plannedMessages(SimulatorConfig c) {
        long planned = Long.MAX_VALUE;
        if (c.maxReadings() > 0) {
            planned = (c.maxReadings() + c.batchSize() - 1) / c.batchSize();
        }
        if (!c.duration().isZero()) {
            planned = Math.min(planned, Math.max(1, (long) (c.duration().toNanos() / 1e9 * c.effectiveRate() / c.batchSize())));
        }
        return planned;
    }

    Instant start() {
        return start;
    }

    @Override
    public boolean hasNext() {
        return !readingsDone() || (config.bounded() && invalidPlanned < config.invalidMessages());
    }

    @Override
    public Message next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (invalidPlanned < config.invalidMessages() && (readingsDone() || nextMessage >= invalidSlot(invalidPlanned))) {
            return invalid();
        }
        return readings();
    }

    private boolean readingsDone() {
        if (config.maxReadings() > 0 && readingsPlanned >= config.maxReadings()) {
            return true;
        }
        return durationNanos > 0 && dueNanos(nextMessage, readingsIn(nextMessage)) > durationNanos;
    }

    /** The reading message before which the j-th invalid message goes: evenly spread over a bounded run. */
    private long invalidSlot(long j) {
        if (plannedMessages == Long.MAX_VALUE) {
            return (j + 1) * UNBOUNDED_INVALID_SPACING;
        }
        return (j + 1) * plannedMessages / (config.invalidMessages() + 1);
    }

    private int readingsIn(long message) {
        if (config.maxReadings() <= 0) {
            return batch;
        }
        return (int) Math.min(batch, config.maxReadings() - message * batch);
    }

    private long dueNanos(long message, int readings) {
        long group = message / n;
        int s = (int) (message % n);
        long lastRound = group * batch + readings - 1;
        return Math.round(eventOffsetNanos(lastRound, s) / config.timeScale());
    }

    private double eventOffsetNanos(long round, int sensorIndex) {
        return periodNanos * (round + (double) sensorIndex / n);
    }

    private Reading reading(int sensorIndex, long round) {
        SensorDefinition sensor = sensors.get(sensorIndex);
        Instant ts = start.plusNanos(Math.round(eventOffsetNanos(round, sensorIndex))).truncatedTo(ChronoUnit.MICROS);
        long seq = seqBase + round;
        return new Reading(sensor.id(), ts, seq, model.metrics(sensor, ts, seq));
    }

    private Message readings() {
        long m = nextMessage++;
        int s = (int) (m % n);
        int count = readingsIn(m);
        long firstRound = (m / n) * batch;
        List<Reading> rs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rs.add(reading(s, firstRound + i));
        }
        readingsPlanned += count;
        lastDueNanos = dueNanos(m, count);
        byte[] payload = batch == 1 ? codec.encode(rs.get(0)) : codec.encodeBatch(rs);
        return new Message(s, sensors.get(s).domain(), topics.get(s), payload, List.copyOf(rs), null, lastDueNanos);
    }

    /** An invalid message on the topic of the sensor whose reading comes next, derived from that reading. */
    private Message invalid() {
        InvalidKind kind = InvalidKind.nth(invalidPlanned++);
        long m = nextMessage;
        int s = (int) (m % n);
        Reading base = reading(s, (m / n) * batch);
        String other = n > 1 ? sensors.get((s + 1) % n).id() : otherId(sensors.get(s).id());
        long due = readingsDone() ? lastDueNanos : dueNanos(m, readingsIn(m));
        return new Message(s, sensors.get(s).domain(), topics.get(s), kind.payload(base, other), List.of(), kind, due);
    }

    private static String otherId(String id) {
        String other = id + "-x";
        return other.length() <= 64 ? other : id.substring(0, 62) + "-x";
    }
}
