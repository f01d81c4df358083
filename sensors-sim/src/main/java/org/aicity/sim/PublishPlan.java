package org.aicity.sim;

import org.aicity.model.CityDefinition.SensorDefinition;
import org.aicity.model.Domain;
import org.aicity.model.MetricCatalogue;
import org.aicity.model.MetricSpec;
import org.aicity.model.Reading;
import org.aicity.model.ReadingCodec;
import org.aicity.sim.truth.GroundTruthEvent;
import org.aicity.sim.truth.GroundTruthEvent.Kind;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

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
 * before and deduplication does not drop the new readings. A reading lost to a dropout fault
 * leaves a gap in the seqs, as a sensor that was offline would.
 *
 * <p>Incidents change the readings through {@link IncidentTimeline}; transport faults are drawn
 * per message from a generator seeded by (seed, message number). Messages held back (late, out of
 * order, the copy of a duplicate) wait in a queue ordered by their new due offset; at the end of a
 * bounded run they are sent at once.
 */
final class PublishPlan implements Iterator<PublishPlan.Message> {

    /** On an unbounded run, one invalid message per this many reading messages until all are sent. */
    static final int UNBOUNDED_INVALID_SPACING = 100;
    private static final long FAULT_KEY = 0xfa17L;
    private static final long SPIKE_KEY = 0x5b1eL;

    private final SimulatorConfig config;
    private final Instant start;
    private final CityLayout layout;
    private final SignalModel model;
    private final IncidentTimeline timeline;
    private final TransportFaults faults;
    private final ReadingCodec codec = new ReadingCodec();
    private final MetricCatalogue catalogue = MetricCatalogue.standard();
    private final List<SensorDefinition> sensors;
    private final List<String> topics;
    private final String cityId;
    private final int n;
    private final int batch;
    private final double periodNanos;
    private final long seqBase;
    private final long durationNanos;
    private final long endOffsetNanos;
    private final long plannedMessages;

    private final ArrayDeque<Message> ready = new ArrayDeque<>();
    private final PriorityQueue<Held> held = new PriorityQueue<>(Comparator.comparingLong(Held::releaseNanos)
        .thenComparingLong(Held::order));
    private final List<GroundTruthEvent> pendingTruth = new ArrayList<>();
    private final Map<String, Map<String, Double>> stuckValues = new HashMap<>();
    private long nextMessage;
    private long readingsPlanned;
    private long invalidPlanned;
    private long malformedPlanned;
    private long heldOrder;
    private long lastDueNanos;

    PublishPlan(SimulatorConfig config, Instant start) {
        this.config = config;
        this.start = start.truncatedTo(ChronoUnit.MILLIS);
        this.layout = new CityLayout(config.city());
        this.model = new SignalModel(config.seed(), layout);
        this.timeline = new IncidentTimeline(layout, config.seed(), config.incidents(), config.incidentsPerHour(), this.start);
        this.faults = config.transportFaults();
        this.cityId = config.city().id();
        this.sensors = config.city().sensors();
        this.topics = sensors.stream().map(s -> s.topic(cityId).name()).toList();
        this.n = sensors.size();
        this.batch = config.batchSize();
        this.periodNanos = config.sensorPeriodNanos();
        long periodMillis = Math.max(1, Math.round(periodNanos / 1e6));
        this.seqBase = Math.max(0, this.start.toEpochMilli() / periodMillis);
        this.durationNanos = config.duration().toNanos();
        this.endOffsetNanos = config.endTime() == null ? Long.MAX_VALUE
            : Math.max(0, Duration.between(this.start, config.endTime()).toNanos());
        this.plannedMessages = plannedMessages(config);
    }

    /**
     * One MQTT message: readings of one sensor, or one invalid message on that sensor's topic.
     *
     * @param copy  the second sending of a duplicated message: its readings were counted with the first
     * @param truth ground-truth lines to record when this message is sent
     */
    record Message(int sensorIndex, Domain domain, String topic, byte[] payload, List<Reading> readings,
                   InvalidKind invalid, long dueNanos, boolean copy, List<GroundTruthEvent> truth) {
        boolean isInvalid() {
            return invalid != null;
        }

        Message withDue(long due) {
            return new Message(sensorIndex, domain, topic, payload, readings, invalid, due, copy, truth);
        }

        Message withTruth(List<GroundTruthEvent> more) {
            if (more.isEmpty()) {
                return this;
            }
            List<GroundTruthEvent> all = new ArrayList<>(more);
            all.addAll(truth);
            return new Message(sensorIndex, domain, topic, payload, readings, invalid, dueNanos, copy, List.copyOf(all));
        }
    }

    private record Held(long releaseNanos, long order, Message message) {
    }

    private static long plannedMessages(SimulatorConfig c) {
        long planned = Long.MAX_VALUE;
        if (c.maxReadings() > 0) {
            planned = (c.maxReadings() + c.batchSize() - 1) / c.batchSize();
        }
        if (!c.duration().isZero()) {
            planned = Math.min(planned, Math.max(1, (long) (c.duration().toNanos() / 1e9 * c.effectiveRate() / c.batchSize())));
        }
        if (c.endTime() != null && c.startTime() != null) {
            double periods = Duration.between(c.startTime(), c.endTime()).toNanos() / c.sensorPeriodNanos();
            planned = Math.min(planned, Math.max(1, (long) (periods * c.city().sensors().size() / c.batchSize())));
        }
        return planned;
    }

    Instant start() {
        return start;
    }

    /** Ground-truth lines not yet attached to a message; at the end of a run, for the caller to record. */
    List<GroundTruthEvent> drainTruth() {
        List<GroundTruthEvent> out = List.copyOf(pendingTruth);
        pendingTruth.clear();
        return out;
    }

    @Override
    public boolean hasNext() {
        fill();
        return !ready.isEmpty() || !held.isEmpty();
    }

    @Override
    public Message next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Held h = held.peek();
        Message r = ready.peek();
        Message out;
        if (h != null && (r == null || h.releaseNanos() <= r.dueNanos())) {
            held.poll();
            // at the end of a bounded run, what was held back goes at once
            out = h.message().withDue(r == null && readingsDone() ? Math.min(h.releaseNanos(), Math.max(lastDueNanos,
                h.message().dueNanos())) : h.releaseNanos());
        } else {
            out = ready.poll();
        }
        out = out.withTruth(pendingTruth);
        pendingTruth.clear();
        return out;
    }

    private void fill() {
        while (ready.isEmpty() && !readingsDone()) {
            if (invalidPlanned < config.invalidMessages() && nextMessage >= invalidSlot(invalidPlanned)) {
                ready.add(invalid());
                return;
            }
            generate();
        }
        if (ready.isEmpty() && held.isEmpty() && config.bounded() && invalidPlanned < config.invalidMessages()) {
            ready.add(invalid());
        }
    }

    private boolean readingsDone() {
        if (readingsIn(nextMessage) <= 0) {
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
        long count = batch;
        if (config.maxReadings() > 0) {
            count = Math.min(count, config.maxReadings() - readingsBefore(message));
        }
        if (endOffsetNanos != Long.MAX_VALUE) {
            int s = (int) (message % n);
            long firstRound = (message / n) * batch;
            // rounds of sensor s whose event offset is before the end
            long rounds = (long) Math.ceil(endOffsetNanos / periodNanos - (double) s / n);
            count = Math.min(count, rounds - firstRound);
        }
        return (int) Math.max(0, count);
    }

    /** Reading slots of the messages before this one; exact while no message was cut short, which only the last is. */
    private long readingsBefore(long message) {
        return message == nextMessage ? readingsPlanned : message * batch;
    }

    private long dueNanos(long message, int readings) {
        long group = message / n;
        int s = (int) (message % n);
        long lastRound = group * batch + Math.max(1, readings) - 1;
        return Math.round(eventOffsetNanos(lastRound, s) / config.timeScale());
    }

    private double eventOffsetNanos(long round, int sensorIndex) {
        return periodNanos * (round + (double) sensorIndex / n);
    }

    private Instant ts(int sensorIndex, long round) {
        return start.plusNanos(Math.round(eventOffsetNanos(round, sensorIndex))).truncatedTo(ChronoUnit.MICROS);
    }

    /** The reading of a sensor in a round, as incidents and sensor faults make it; null when a dropout loses it. */
    private Reading reading(int sensorIndex, long round) {
        SensorDefinition sensor = sensors.get(sensorIndex);
        Instant ts = ts(sensorIndex, round);
        long seq = seqBase + round;
        IncidentTimeline.Effects e = timeline.effects(sensorIndex, ts);
        if (e == IncidentTimeline.Effects.NONE) {
            return new Reading(sensor.id(), ts, seq, model.metrics(sensor, ts, seq));
        }
        if (e.dropout()) {
            return null;
        }
        Map<String, Double> values = e.stuck() != null ? stuckValues(e.stuck(), sensorIndex)
            : model.metrics(sensor, ts, seq, e.conditions());
        if (e.drift() != null || e.spikes() != null) {
            Map<String, Double> changed = new LinkedHashMap<>();
            double hours = Duration.between(e.drift() != null ? e.drift().start() : ts, ts).toMillis() / 3.6e6;
            boolean spike = e.spikes() != null && new SplittableRandom(SignalModel.mix(SignalModel.mix(config.seed(), SPIKE_KEY),
                SignalModel.hash(sensor.id()) ^ seq)).nextDouble() < IncidentTimeline.SPIKE_FRACTION;
            for (Map.Entry<String, Double> m : values.entrySet()) {
                double v = m.getValue();
                if (e.drift() != null) {
                    v += IncidentTimeline.driftPerHour(e.drift(), model, sensor, m.getKey()) * hours;
                }
                if (spike) {
                    v = v * 3 + 2 * model.typicalLevel(sensor, m.getKey());
                }
                changed.put(m.getKey(), inRange(m.getKey(), v));
            }
            values = changed;
        }
        return new Reading(sensor.id(), ts, seq, values);
    }

    /** What a stuck sensor repeats: its reading at the first of its rounds at or after the fault began. */
    private Map<String, Double> stuckValues(IncidentTimeline.Incident stuck, int sensorIndex) {
        return stuckValues.computeIfAbsent(stuck.id() + "/" + sensorIndex, k -> {
            double rounds = Duration.between(start, stuck.start()).toNanos() / periodNanos - (double) sensorIndex / n;
            long round = (long) Math.ceil(rounds);
            Instant ts = ts(sensorIndex, round);
            SensorDefinition sensor = sensors.get(sensorIndex);
            return model.metrics(sensor, ts, seqBase + round, timeline.effects(sensorIndex, ts).conditions());
        });
    }

    /** Kept within the catalogue's range, so that a faulty value is still a valid reading. */
    private double inRange(String metric, double v) {
        MetricSpec spec = catalogue.find(metric).orElseThrow();
        double clamped = Math.max(spec.min(), Math.min(spec.max(), v));
        return "intensity".equals(metric) ? Math.rint(clamped) : Math.rint(clamped * 1000) / 1000;
    }

    private void generate() {
        long m = nextMessage;
        int s = (int) (m % n);
        int count = readingsIn(m);
        long firstRound = (m / n) * batch;
        nextMessage++;
        readingsPlanned += count;
        long due = dueNanos(m, count);
        lastDueNanos = due;
        for (IncidentTimeline.Incident i : timeline.startedBy(ts(s, firstRound + count - 1))) {
            pendingTruth.add(timeline.truth(i, model, sensor -> stuckValues(i, sensor)));
        }
        List<Reading> rs = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            Reading r = reading(s, firstRound + k);
            if (r != null) {
                rs.add(r);
            }
        }
        if (rs.isEmpty()) {
            return;
        }
        if (!faults.any()) {
            ready.add(message(s, rs, due, List.of()));
            return;
        }
        SplittableRandom r = new SplittableRandom(SignalModel.mix(config.seed() ^ FAULT_KEY, m));
        // one draw per fault, always in this order, so that one rate does not change which messages another hits
        boolean duplicate = r.nextDouble() < faults.duplicate();
        boolean outOfOrder = r.nextDouble() < faults.outOfOrder();
        boolean late = r.nextDouble() < faults.late();
        boolean skewed = r.nextDouble() < faults.clockSkew();
        boolean malformed = r.nextDouble() < faults.malformed();
        long skewMillis = (r.nextBoolean() ? 1 : -1) * (1_000 + r.nextLong(Math.max(1, faults.maxClockSkew().toMillis() - 999)));
        double copyDelay = r.nextDouble();

        Instant first = rs.get(0).ts();
        Instant last = rs.get(rs.size() - 1).ts();
        String sensorId = sensors.get(s).id();
        String seqs = rs.get(0).seq() + (rs.size() > 1 ? ".." + rs.get(rs.size() - 1).seq() : "");
        List<GroundTruthEvent> truth = new ArrayList<>();
        if (skewed) {
            List<Reading> shifted = new ArrayList<>(rs.size());
            for (Reading x : rs) {
                shifted.add(new Reading(x.sensorId(), x.ts().plusMillis(skewMillis), x.seq(), x.metrics()));
            }
            rs = shifted;
            truth.add(transportTruth(Kind.CLOCK_SKEW, m, sensorId, first, last,
                Map.of("seq", seqs, "skew", Duration.ofMillis(skewMillis).toString())));
        }
        if (malformed) {
            InvalidKind kind = InvalidKind.nth(malformedPlanned++);
            Reading base = rs.get(0);
            ready.add(new Message(s, sensors.get(s).domain(), topics.get(s), kind.payload(base, otherSensor(s)), List.of(),
                kind, due, false, List.of(transportTruth(Kind.MALFORMED, m, sensorId, first, last,
                Map.of("invalid", kind.name().toLowerCase(java.util.Locale.ROOT))))));
        }
        long release = due;
        if (late) {
            release = due + Math.round(faults.lateBy().toNanos() / config.timeScale());
            truth.add(transportTruth(Kind.LATE, m, sensorId, first, last, Map.of("seq", seqs, "delay", faults.lateBy().toString())));
        } else if (outOfOrder) {
            release = due + Math.round(periodNanos * batch / config.timeScale()) + 1;
            truth.add(transportTruth(Kind.OUT_OF_ORDER, m, sensorId, first, last, Map.of("seq", seqs)));
        }
        Message msg = message(s, rs, due, truth);
        if (release == due) {
            ready.add(msg);
        } else {
            held.add(new Held(release, heldOrder++, msg));
        }
        if (duplicate) {
            long copyRelease = release + 1 + Math.round(copyDelay * periodNanos / config.timeScale());
            Message copy = new Message(s, msg.domain(), msg.topic(), msg.payload(), msg.readings(), null, copyRelease, true,
                List.of(transportTruth(Kind.DUPLICATE, m, sensorId, first, last, Map.of("seq", seqs))));
            held.add(new Held(copyRelease, heldOrder++, copy));
        }
    }

    private GroundTruthEvent transportTruth(Kind kind, long message, String sensorId, Instant first, Instant last,
                                            Map<String, String> detail) {
        return new GroundTruthEvent("t" + message + "-" + kind.wireName(), kind, cityId, null, null, List.of(sensorId),
            first, last, List.of(), detail);
    }

    private Message message(int s, List<Reading> rs, long due, List<GroundTruthEvent> truth) {
        byte[] payload = batch == 1 ? codec.encode(rs.get(0)) : codec.encodeBatch(rs);
        return new Message(s, sensors.get(s).domain(), topics.get(s), payload, List.copyOf(rs), null, due, false, truth);
    }

    /** An invalid message on the topic of the sensor whose reading comes next, derived from that reading. */
    private Message invalid() {
        InvalidKind kind = InvalidKind.nth(invalidPlanned++);
        long m = nextMessage;
        int s = (int) (m % n);
        long round = (m / n) * batch;
        Instant ts = ts(s, round);
        Reading base = new Reading(sensors.get(s).id(), ts, seqBase + round, model.metrics(sensors.get(s), ts, seqBase + round));
        long due = readingsDone() ? lastDueNanos : dueNanos(m, readingsIn(m));
        return new Message(s, sensors.get(s).domain(), topics.get(s), kind.payload(base, otherSensor(s)), List.of(), kind,
            due, false, List.of());
    }

    private String otherSensor(int s) {
        return n > 1 ? sensors.get((s + 1) % n).id() : otherId(sensors.get(s).id());
    }

    private static String otherId(String id) {
        String other = id + "-x";
        return other.length() <= 64 ? other : id.substring(0, 62) + "-x";
    }
}
